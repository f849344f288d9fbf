using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Channels;
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
        Add(
            "RELEVANCE",
            VideoOrder.Relevance,
            "Best match first (with search; PostgreSQL full-text ranking, newest first on SQLite)."
        );
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
        Field<NonNullGraphType<CommentConnectionType>>("replies")
            .Description("Replies, oldest first (top-level comments only have them).")
            .PageArguments()
            .ResolveAsync(async c =>
            {
                if (
                    c.Source.ParentId is not null
                    || await c.Video(c.Source.VideoId).GetResultAsync(c.CancellationToken) is not { } video
                )
                {
                    return Page<Comment>.Empty;
                }

                return (
                    await c.Service<ListComments>().Handle(new(video, c.Source.Id, c.ReadPage()), c.CancellationToken)
                ).ValueOrError();
            });
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

public sealed class VideoConnectionType() : ConnectionGraphType<VideoType, Video>("Video");

public sealed class CommentConnectionType() : ConnectionGraphType<CommentType, Comment>("Comment");

public sealed class WatchHistoryConnectionType()
    : ConnectionGraphType<WatchHistoryEntryType, WatchedVideo>("WatchHistory");
