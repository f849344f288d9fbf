using GraphQL.Types;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Engagement;
using StreamEngine.Web.GraphQL.Nodes;

namespace StreamEngine.Web.GraphQL.Users;

/// <summary>The signed-in account: its private fields and its own lists, in one place (GitHub's
/// <c>viewer</c>).</summary>
public sealed class ViewerType : ObjectGraphType<ViewerView>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "The signed-in account: what only its owner sees, and its own lists.";
        this.AddNodeId(NodeTypes.Viewer, v => v.User.Id);
        Field<NonNullGraphType<UserType>>("user")
            .Description("The account as others see it.")
            .Resolve(c => c.Source.User);
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("The account's channel.")
            .Resolve(c => new ChannelView(c.Source.User));
        Field<NonNullGraphType<StringGraphType>>("email")
            .Description("The account's e-mail address.")
            .Resolve(c => c.Source.User.Email);
        Field<NonNullGraphType<BooleanGraphType>>("emailVerified")
            .Description("Whether the e-mail address is verified.")
            .Resolve(c => c.Source.User.IsEmailVerified);
        Field<NonNullGraphType<BooleanGraphType>>("hasPassword")
            .Description("Whether the account can sign in with a password.")
            .Resolve(c => c.Source.User.PasswordHash is not null);
        Field<NonNullGraphType<BooleanGraphType>>("googleLinked")
            .Description("Whether Google sign-in is linked.")
            .Resolve(c => c.Source.User.GoogleSubject is not null);
        Field<NonNullGraphType<BooleanGraphType>>("watchHistoryPaused")
            .Description("Whether viewings are kept out of the watch history.")
            .Resolve(c => c.Source.User.WatchHistoryPaused);
        Field<NonNullGraphType<VideoConnectionType>>("feed")
            .Description("Public videos of the channels you subscribe to, newest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<GetFeed>().Handle(c.ReadPage(), c.CancellationToken)).ValueOrError()
            );
        Field<NonNullGraphType<ChannelConnectionType>>("subscriptions")
            .Description("The channels you subscribe to, latest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<ListMySubscriptions>().Handle(c.ReadPage(), c.CancellationToken))
                    .ValueOrError()
                    .Map(u => new ChannelView(u))
            );
        Field<NonNullGraphType<ChannelConnectionType>>("subscribers")
            .Description("The channels that subscribe to yours, latest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<ListMySubscribers>().Handle(c.ReadPage(), c.CancellationToken))
                    .ValueOrError()
                    .Map(u => new ChannelView(u))
            );
        Field<NonNullGraphType<WatchHistoryConnectionType>>("watchHistory")
            .Description("What you watched, latest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<GetWatchHistory>().Handle(c.ReadPage(), c.CancellationToken)).ValueOrError()
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Webhooks.WebhookEndpointType>>>>("webhookEndpoints")
            .Description("Your webhook endpoints, oldest first (at most 10).")
            .ResolveAsync(async c =>
                (await c.Service<Application.Webhooks.ListWebhookEndpoints>().Handle(c.CancellationToken))
                    .ValueOrError()
                    .Select(e => new Webhooks.WebhookEndpointView(e))
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Live.LiveStreamType>>>>("liveStreams")
            .Description($"Your live streams, newest first (at most {Application.Live.ListMyLiveStreams.Limit}).")
            .ResolveAsync(async c => await c.Service<Application.Live.ListMyLiveStreams>().Handle(c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Live.LiveStreamType>>>>("liveFeed")
            .Description(
                $"Public streams on air now on the channels you subscribe to, newest first (at most "
                    + $"{Application.Live.ListLiveFeed.Limit}): the live part of your feed."
            )
            .ResolveAsync(async c => await c.Service<Application.Live.ListLiveFeed>().Handle(c.CancellationToken));
        Field<NonNullGraphType<DashboardType>>("dashboard")
            .Description("Your channel's totals and per-video figures.")
            .ResolveAsync(async c => new DashboardView(
                c.Source.User.Id,
                (await c.Service<GetChannelDashboard>().Handle(c.CancellationToken)).ValueOrError()
            ));
    }
}
