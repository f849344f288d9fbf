using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

public sealed class VideoOrderType : EnumerationGraphType
{
    public VideoOrderType()
    {
        Name = "VideoOrder";
        Description = "The order of a list of videos.";
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
        Description = "A comment on a video, or a reply to one.";
        this.AddNodeId(NodeTypes.Comment, x => x.Id);
        Field(x => x.Body).Description("The text, as written.");
        Field<NonNullGraphType<ChannelType>>("author")
            .Description("Who wrote it.")
            .Resolve(c => c.User(c.Source.AuthorId).Then(u => new ChannelView(u!)));
        Field<NonNullGraphType<VideoType>>("video")
            .Description("The video it is on.")
            .Resolve(c => c.Video(c.Source.VideoId));
        Field<CommentType>("parent")
            .Description("The comment this replies to; null for a top-level comment.")
            .Resolve(c => c.Source.ParentId is { } parent ? c.Comment(parent) : null);
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When it was written.")
            .Resolve(c => c.Source.CreatedAt);
        Field<DateTimeType>("editedAt")
            .Description("When it was last changed, or null.")
            .Resolve(c => c.Source.EditedAt);
        Field<NonNullGraphType<LongType>>("likeCount")
            .Description("How many like it.")
            .Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerHasLiked")
            .Description("Whether you like it (false when anonymous).")
            .Resolve(c => c.ViewerLikesComment(c.Source.Id));
        Field<NonNullGraphType<BooleanGraphType>>("viewerCanUpdate")
            .Description("Whether you may change its text (its author may).")
            .Resolve(c => c.Service<ICurrentUser>().UserId == c.Source.AuthorId);
        Field<NonNullGraphType<BooleanGraphType>>("viewerCanDelete")
            .Description("Whether you may delete it (its author, and the video's owner, may).")
            .Resolve(c =>
            {
                var viewer = c.Service<ICurrentUser>().UserId;
                return viewer == c.Source.AuthorId
                    ? DataLoaderResults.Done(true)
                    : c.Video(c.Source.VideoId).Then(v => viewer is not null && v?.OwnerId == viewer);
            });
        Field<NonNullGraphType<LongType>>("replyCount")
            .Description("How many replies it has.")
            .Resolve(c => c.Source.ReplyCount);
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

/// <summary>The watch history: videos on edges that carry when they were watched (as GitHub's
/// <c>StargazerEdge</c>), so the cached record is the video itself.</summary>
public sealed class WatchHistoryConnectionType : ObjectGraphType<Page<WatchedVideo>>
{
    public WatchHistoryConnectionType()
    {
        Name = "WatchHistoryConnection";
        Description = "A page of the videos you watched, latest first.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WatchHistoryEdgeType>>>>("edges")
            .Description("The page's videos with when you watched them and their cursors.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VideoType>>>>("nodes")
            .Description("The page's videos, without cursors.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node.Video));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Where this page is in the list.")
            .Resolve(c => PageInfo.Of(c.Source));
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Videos in the whole history.")
            .Resolve(c => c.Source.TotalCount);
    }
}

public sealed class WatchHistoryEdgeType : ObjectGraphType<Edge<WatchedVideo>>
{
    public WatchHistoryEdgeType()
    {
        Name = "WatchHistoryEdge";
        Description = "A video you watched, when, and its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("Pass as after or before to page from this item.")
            .Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<DateTimeType>>("watchedAt")
            .Description("When you last started watching it.")
            .Resolve(c => c.Source.Node.Entry.WatchedAt);
        Field<NonNullGraphType<VideoType>>("node").Description("The video.").Resolve(c => c.Source.Node.Video);
    }
}

public sealed class VideoConnectionType() : ConnectionGraphType<VideoType, Video>("Video");

public sealed class CommentConnectionType() : ConnectionGraphType<CommentType, Comment>("Comment");
