using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

public sealed class VideoOrderType : EnumerationGraphType
{
    public VideoOrderType()
    {
        Name = "VideoOrder";
        Add("NEWEST", VideoOrder.Newest, "Newest first.");
        Add("OLDEST", VideoOrder.Oldest, "Oldest first.");
        Add("MOST_VIEWED", VideoOrder.MostViewed, "Most counted views first.");
        Add("RELEVANCE", VideoOrder.Relevance, "Best match first (with search; PostgreSQL full-text ranking, newest first on SQLite).");
    }
}

/// <summary>A user's public face. Never carries the e-mail address.</summary>
public sealed class ChannelType : ObjectGraphType<User>
{
    public ChannelType()
    {
        Name = "Channel";
        Description = "A user's public face: their videos and playlists.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(u => u.Handle);
        Field(u => u.DisplayName);
        Field(u => u.Bio, nullable: true);
        Field<StringGraphType>("avatarUrl").Description("256 x 256 JPEG, or null.")
            .Resolve(c => c.Service<IChannelImages>().Url(c.Source, ChannelImageKind.Avatar)?.ToString());
        Field<StringGraphType>("bannerUrl").Description("2048 x 512 JPEG, or null.")
            .Resolve(c => c.Service<IChannelImages>().Url(c.Source, ChannelImageKind.Banner)?.ToString());
        Field<NonNullGraphType<LongGraphType>>("subscriberCount").Resolve(c => c.Source.SubscriberCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerIsSubscribed").Description("Whether you subscribe to it (false when anonymous).")
            .Resolve(c => c.ViewerSubscribes(c.Source.Id));
        Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("Its READY public videos; all of them for its owner.")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().Videos(c.Source.Id, null, c.GetArgument("orderBy", VideoOrder.Newest), c.ReadPage(), c.CancellationToken)).PageOrError());
        Field<NonNullGraphType<PlaylistConnectionType>>("playlists")
            .Description("Its public playlists; all of them for its owner.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().Playlists(c.Source.Id, c.ReadPage(), c.CancellationToken)).PageOrError());
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class CommentType : ObjectGraphType<Comment>
{
    public CommentType()
    {
        Name = "Comment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(x => x.Body);
        Field<NonNullGraphType<ChannelType>>("author").Resolve(c => c.User(c.Source.AuthorId));
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.VideoId);
        Field<IdGraphType>("parentId").Description("The comment this replies to.").Resolve(c => c.Source.ParentId);
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeType>("editedAt").Resolve(c => c.Source.EditedAt);
        Field<NonNullGraphType<LongGraphType>>("likeCount").Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerHasLiked").Resolve(c => c.ViewerLikesComment(c.Source.Id));
        Field<NonNullGraphType<LongGraphType>>("replyCount").Resolve(c => c.Source.ReplyCount);
        Field<NonNullGraphType<CommentConnectionType>>("replies").Description("Replies, oldest first (top-level comments only have them).")
            .PageArguments()
            .ResolveAsync(async c =>
            {
                if (c.Source.ParentId is not null || await c.Video(c.Source.VideoId).GetResultAsync(c.CancellationToken) is not { } video)
                {
                    return Page<Comment>.Empty;
                }

                return (await c.Service<Comments>().List(video, c.Source.Id, c.ReadPage(), c.CancellationToken)).PageOrError();
            });
    }
}

public sealed class PlaylistType : ObjectGraphType<Playlist>
{
    public PlaylistType()
    {
        Name = "Playlist";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(p => p.Title);
        Field(p => p.Description, nullable: true);
        Field<NonNullGraphType<VisibilityType>>("visibility").Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<ChannelType>>("owner").Resolve(c => c.User(c.Source.OwnerId));
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<PlaylistItemConnectionType>>("items").Description("In order; videos you may not see are left out.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Playlists>().Items(c.Source, c.ReadPage(), c.CancellationToken)).PageOrError());
    }
}

public sealed class PlaylistItemType : ObjectGraphType<PlaylistEntry>
{
    public PlaylistItemType()
    {
        Name = "PlaylistItem";
        Field<NonNullGraphType<IntGraphType>>("position").Description("0-based place in the playlist.").Resolve(c => (int)c.Source.Item.Position);
        Field<NonNullGraphType<DateTimeType>>("addedAt").Resolve(c => c.Source.Item.AddedAt);
        Field<NonNullGraphType<VideoType>>("video").Resolve(c => c.Source.Video);
    }
}

public sealed class WatchHistoryEntryType : ObjectGraphType<WatchedVideo>
{
    public WatchHistoryEntryType()
    {
        Name = "WatchHistoryEntry";
        Field<NonNullGraphType<DateTimeType>>("watchedAt").Resolve(c => c.Source.Entry.WatchedAt);
        Field<NonNullGraphType<VideoType>>("video").Resolve(c => c.Source.Video);
    }
}

public sealed class DashboardType : ObjectGraphType<ChannelTotals>
{
    public DashboardType()
    {
        Name = "Dashboard";
        Description = "Your channel's figures; each total is counted on its own.";
        Field<NonNullGraphType<IntGraphType>>("totalVideos").Resolve(c => c.Source.Videos);
        Field<NonNullGraphType<LongGraphType>>("totalViews").Resolve(c => c.Source.Views);
        Field<NonNullGraphType<LongGraphType>>("totalLikes").Resolve(c => c.Source.Likes);
        Field<NonNullGraphType<LongGraphType>>("totalComments").Resolve(c => c.Source.Comments);
        Field<NonNullGraphType<LongGraphType>>("subscriberCount").Resolve(c => c.Source.Subscribers);
        Field<NonNullGraphType<VideoConnectionType>>("videos").Description("Every video of yours, in any state, with its figures.")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().Videos(c.Service<ICurrentUser>().UserId, null, c.GetArgument("orderBy", VideoOrder.Newest), c.ReadPage(), c.CancellationToken)).PageOrError());
    }
}

public sealed class VideoConnectionType() : ConnectionGraphType<VideoType, Video>("Video");

public sealed class ChannelConnectionType() : ConnectionGraphType<ChannelType, User>("Channel");

public sealed class CommentConnectionType() : ConnectionGraphType<CommentType, Comment>("Comment");

public sealed class PlaylistConnectionType() : ConnectionGraphType<PlaylistType, Playlist>("Playlist");

public sealed class PlaylistItemConnectionType() : ConnectionGraphType<PlaylistItemType, PlaylistEntry>("PlaylistItem");

public sealed class WatchHistoryConnectionType() : ConnectionGraphType<WatchHistoryEntryType, WatchedVideo>("WatchHistory");
