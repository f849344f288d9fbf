using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Users;

namespace StreamEngine.Web.GraphQL.Channels;

/// <summary>Channels, subscriptions and channel images.</summary>
public static class ChannelFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<ChannelType>("channel")
            .Description("A channel by its owner's handle.")
            .Argument<NonNullGraphType<StringGraphType>>("handle", "The handle, without the @.")
            .ResolveAsync(async c =>
                await c.Service<GetUserByHandle>().Handle(c.GetArgument<string>("handle"), c.CancellationToken)
                    is { } user
                    ? new ChannelView(user)
                    : null
            );
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, subscribe) in new[] { ("subscribeToChannel", true), ("unsubscribeFromChannel", false) })
        {
            mutation
                .Define(
                    name,
                    subscribe
                        ? "Subscribes you to a channel; subscribing again changes nothing."
                        : "Ends your subscription; idempotent."
                )
                .Input<NonNullGraphType<IdGraphType>>("channelId", "The channel's id.")
                .Output<ChannelType>("channel", "The channel with its new subscriberCount and viewerIsSubscribed.")
                .ViewerOutput()
                .Resolve(
                    async (c, i) =>
                    {
                        if (!i.TryId("channelId", NodeTypes.Channel, out var id, out var invalid))
                        {
                            return invalid;
                        }

                        var result = await c.Service<SetSubscription>().Handle(new(id, subscribe), c.CancellationToken);
                        return result.Succeeded
                            ? MutationOutcome.Ok(
                                ("channel", new ChannelView(result.Value)),
                                ("viewer", await ViewerAsync(c))
                            )
                            : result.Failure();
                    }
                );
        }

        mutation
            .Define("createChannelImageUpload", "A signed URL to PUT a new avatar or banner to (at most 10 MiB).")
            .Input<NonNullGraphType<ChannelImageKindType>>("kind", "Avatar or banner.")
            .Input<NonNullGraphType<LongType>>("sizeBytes", "The file's exact size.")
            .Output<ChannelImageUploadType>("upload", "Where to PUT the image.")
            .Resolve(
                (c, i) =>
                {
                    var result = c.Service<BeginChannelImageUpload>()
                        .Handle(new(i.Get<ChannelImageKind>("kind"), i.Get<long>("sizeBytes")));
                    return Task.FromResult(
                        result.Succeeded ? MutationOutcome.Ok(("upload", result.Value)) : result.Failure()
                    );
                }
            );
        mutation
            .Define(
                "completeChannelImageUpload",
                "Checks the uploaded file is an image, re-encodes it to the fixed size and makes it your avatar or "
                    + "banner."
            )
            .Input<NonNullGraphType<ChannelImageKindType>>("kind", "Avatar or banner.")
            .Input<NonNullGraphType<StringGraphType>>("token", "The token createChannelImageUpload returned.")
            .Output<ChannelType>("channel", "Your channel with its new image.")
            .Resolve(
                async (c, i) =>
                    Channel(
                        await c.Service<CompleteChannelImageUpload>()
                            .Handle(new(i.Get<ChannelImageKind>("kind"), i.Text("token")), c.CancellationToken)
                    )
            );
        mutation
            .Define("removeChannelImage", "Removes your avatar or banner.")
            .Input<NonNullGraphType<ChannelImageKindType>>("kind", "Avatar or banner.")
            .Output<ChannelType>("channel", "Your channel without the image.")
            .Resolve(
                async (c, i) =>
                    Channel(
                        await c.Service<RemoveChannelImage>()
                            .Handle(i.Get<ChannelImageKind>("kind"), c.CancellationToken)
                    )
            );
    }

    private static MutationOutcome Channel(Application.Common.Result<User> result) =>
        result.Succeeded ? MutationOutcome.Ok(("channel", new ChannelView(result.Value))) : result.Failure();

    private static async Task<ViewerView?> ViewerAsync(IResolveFieldContext c) =>
        await Fresh.ChannelAsync(c, c.Service<Application.Abstractions.ICurrentUser>().UserId) is { } channel
            ? new ViewerView(channel.User)
            : null;
}
