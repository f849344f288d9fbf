using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Engagement;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Playlists;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Channels;

/// <summary>A user's public face. Never carries the e-mail address.</summary>
public sealed class ChannelType : ObjectGraphType<ChannelView>
{
    public ChannelType()
    {
        Name = "Channel";
        Description = "A user's public face: their videos and playlists.";
        this.AddNodeId(NodeTypes.Channel, c => c.User.Id);
        Field<NonNullGraphType<StringGraphType>>("handle")
            .Description("The owner's handle, as in @handle.")
            .Resolve(c => c.Source.User.Handle);
        Field<NonNullGraphType<StringGraphType>>("displayName")
            .Description("The name shown for the channel.")
            .Resolve(c => c.Source.User.DisplayName);
        Field<StringGraphType>("bio")
            .Description("A few words about the channel, or null.")
            .Resolve(c => c.Source.User.Bio);
        Field<UrlType>("avatarUrl")
            .Description("256 x 256 JPEG, or null; the link changes when the image does.")
            .Resolve(c => c.Service<IChannelImages>().Url(c.Source.User, ChannelImageKind.Avatar));
        Field<UrlType>("bannerUrl")
            .Description("2048 x 512 JPEG, or null; the link changes when the image does.")
            .Resolve(c => c.Service<IChannelImages>().Url(c.Source.User, ChannelImageKind.Banner));
        Field<NonNullGraphType<LongType>>("subscriberCount")
            .Description("How many accounts subscribe to it.")
            .Resolve(c => c.Source.User.SubscriberCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerIsSubscribed")
            .Description("Whether you subscribe to it (false when anonymous).")
            .Resolve(c => c.ViewerSubscribes(c.Source.User.Id));
        Field<NonNullGraphType<UserType>>("owner")
            .Description("The account it belongs to.")
            .Resolve(c => c.Source.User);
        this.AddOwnerVideos("Its READY public videos; all of them for its owner.", c => c.User.Id);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Live.LiveStreamType>>>>("liveNow")
            .Description("The channel's public streams on air now.")
            .ResolveAsync(async c =>
                await c.Service<Application.Live.ListLiveNow>().Handle(c.Source.User.Id, c.CancellationToken)
            );
        Field<NonNullGraphType<PlaylistConnectionType>>("playlists")
            .Description("Its public playlists; all of them for its owner.")
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListChannelPlaylists>()
                        .Handle(new(c.Source.User.Id, c.ReadPage()), c.CancellationToken)
                ).ValueOrError()
            );
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When the channel's account was created.")
            .Resolve(c => c.Source.User.CreatedAt);
    }
}

public sealed class DashboardType : ObjectGraphType<DashboardView>
{
    public DashboardType()
    {
        Name = "Dashboard";
        Description = "Your channel's figures; each total is counted on its own.";
        this.AddNodeId(NodeTypes.Dashboard, d => d.OwnerId);
        Field<NonNullGraphType<IntGraphType>>("totalVideos")
            .Description("Your videos, in any state.")
            .Resolve(c => c.Source.Totals.Videos);
        Field<NonNullGraphType<LongType>>("totalViews")
            .Description("Counted views of all your videos.")
            .Resolve(c => c.Source.Totals.Views);
        Field<NonNullGraphType<LongType>>("totalLikes")
            .Description("Likes of all your videos.")
            .Resolve(c => c.Source.Totals.Likes);
        Field<NonNullGraphType<LongType>>("totalComments")
            .Description("Comments and replies on all your videos.")
            .Resolve(c => c.Source.Totals.Comments);
        Field<NonNullGraphType<LongType>>("subscriberCount")
            .Description("Accounts subscribed to your channel.")
            .Resolve(c => c.Source.Totals.Subscribers);
        this.AddOwnerVideos("Every video of yours, in any state, with its figures.", c => c.OwnerId);
    }
}

public sealed class ChannelConnectionType() : ConnectionGraphType<ChannelType, ChannelView>("Channel");

public sealed class ChannelImageKindType : EnumerationGraphType
{
    public ChannelImageKindType()
    {
        Name = "ChannelImageKind";
        Description = "Which channel image (JPEG, scaled to cover and centre-cropped).";
        Add("AVATAR", ChannelImageKind.Avatar, "256 x 256.");
        Add("BANNER", ChannelImageKind.Banner, "2048 x 512.");
    }
}

public sealed class ChannelImageUploadType : ObjectGraphType<Application.Abstractions.ChannelImageUpload>
{
    public ChannelImageUploadType()
    {
        Name = "ChannelImageUpload";
        Description =
            "PUT the image's bytes to url with these headers, then complete the upload with the token "
            + "(completeChannelImageUpload, or completeVideoThumbnailUpload for a video's poster).";
        Field<NonNullGraphType<UrlType>>("url").Description("Where to PUT the bytes.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HttpHeaderType>>>>("headers")
            .Description("Headers the PUT must carry.")
            .Resolve(c => c.Source.Headers.ToList());
        Field(u => u.Token).Description("Names this upload when completing it.");
        Field<NonNullGraphType<DateTimeType>>("expiresAt")
            .Description("When url and token stop working.")
            .Resolve(c => c.Source.ExpiresAt);
    }
}

/// <summary>The <c>videos(orderBy, first, after, last, before)</c> field of a channel and of the dashboard: one
/// owner's videos as ListVideos shows them to the caller.</summary>
internal static class OwnerVideosField
{
    public static void AddOwnerVideos<T>(this ObjectGraphType<T> type, string description, Func<T, Guid> owner) =>
        type.Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description(description)
            .Argument<VideoOrderType>(
                "orderBy",
                "The order, newest first by default.",
                a => a.DefaultValue = VideoOrder.Newest
            )
            .PageArguments()
            .ResolveAsync(async c =>
                c.Videos(
                    (
                        await c.Service<ListVideos>()
                            .Handle(
                                new(
                                    owner(c.Source),
                                    null,
                                    c.GetArgument("orderBy", VideoOrder.Newest),
                                    c.ReadPage(),
                                    c.NodesSelect("owner", "channel")
                                ),
                                c.CancellationToken
                            )
                    ).ValueOrError()
                )
            );
}
