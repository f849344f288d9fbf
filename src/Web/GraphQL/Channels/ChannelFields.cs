using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Engagement;

namespace StreamEngine.Web.GraphQL.Channels;

/// <summary>Channels, subscriptions, the feed, channel images and the dashboard.</summary>
public static class ChannelFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<ChannelType>("channel")
            .Description("A channel by its owner's handle.")
            .Argument<NonNullGraphType<StringGraphType>>("handle")
            .ResolveAsync(async c =>
                await c.Service<GetUserByHandle>().Handle(c.GetArgument<string>("handle"), c.CancellationToken)
            );
        query
            .Field<NonNullGraphType<VideoConnectionType>>("feed")
            .Description("Public videos of the channels you subscribe to, newest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<GetFeed>().Handle(c.ReadPage(), c.CancellationToken)).ValueOrError()
            );
        query
            .Field<NonNullGraphType<ChannelConnectionType>>("mySubscriptions")
            .Description("The channels you subscribe to, latest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<ListMySubscriptions>().Handle(c.ReadPage(), c.CancellationToken)).ValueOrError()
            );
        query
            .Field<NonNullGraphType<ChannelConnectionType>>("mySubscribers")
            .Description("Who subscribes to your channel, latest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<ListMySubscribers>().Handle(c.ReadPage(), c.CancellationToken)).ValueOrError()
            );
        query
            .Field<NonNullGraphType<DashboardType>>("dashboard")
            .Description("Your channel's totals and per-video figures.")
            .ResolveAsync(async c =>
                (await c.Service<GetChannelDashboard>().Handle(c.CancellationToken)).ValueOrError()
            );
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, subscribe) in new[] { ("subscribe", true), ("unsubscribe", false) })
        {
            mutation
                .Field<NonNullGraphType<ChannelPayloadType>>(name)
                .Description(
                    subscribe
                        ? "Subscribes you to a channel; subscribing again changes nothing."
                        : "Ends your subscription; idempotent."
                )
                .Argument<NonNullGraphType<IdGraphType>>("channelId")
                .ResolveAsync(async c =>
                    Payloads.Of(
                        Guid.TryParse(c.GetArgument<string>("channelId"), out var id)
                            ? await c.Service<SetSubscription>().Handle(new(id, subscribe), c.CancellationToken)
                            : EngagementErrors.ChannelNotFound
                    )
                );
        }

        mutation
            .Field<NonNullGraphType<ChannelImageUploadPayloadType>>("createChannelImageUpload")
            .Description("A signed URL to PUT a new avatar or banner to (at most 10 MiB).")
            .Argument<NonNullGraphType<ChannelImageKindType>>("kind")
            .Argument<NonNullGraphType<LongGraphType>>("sizeBytes")
            .Resolve(c =>
                Payloads.Of(
                    c.Service<BeginChannelImageUpload>()
                        .Handle(new(c.GetArgument<ChannelImageKind>("kind"), c.GetArgument<long>("sizeBytes")))
                )
            );
        mutation
            .Field<NonNullGraphType<ChannelPayloadType>>("completeChannelImageUpload")
            .Description(
                "Checks the uploaded file is an image, re-encodes it to the fixed size and makes it your avatar "
                    + "or banner."
            )
            .Argument<NonNullGraphType<ChannelImageKindType>>("kind")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c =>
                Payloads.Of(
                    await c.Service<CompleteChannelImageUpload>()
                        .Handle(
                            new(c.GetArgument<ChannelImageKind>("kind"), c.GetArgument<string>("token")),
                            c.CancellationToken
                        )
                )
            );
        mutation
            .Field<NonNullGraphType<ChannelPayloadType>>("removeChannelImage")
            .Argument<NonNullGraphType<ChannelImageKindType>>("kind")
            .ResolveAsync(async c =>
                Payloads.Of(
                    await c.Service<RemoveChannelImage>()
                        .Handle(c.GetArgument<ChannelImageKind>("kind"), c.CancellationToken)
                )
            );
    }
}
