using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Engagement;

/// <summary>Comments: anyone who may watch a READY video may comment and reply (one level); authors edit and
/// delete theirs; the video's owner deletes any on their video.</summary>
public sealed class Comments(IVideoStore videos, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock)
{
    public async Task<Result<Comment>> Add(Guid videoId, Guid? parentId, string? body, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await VideoAccess.FindWatchableAsync(videos, videoId, userId, ct) is not { } video)
        {
            return VideoErrors.NotFound;
        }

        if (Comment.NormalizeBody(body) is not { } text)
        {
            return EngagementErrors.InvalidComment;
        }

        Comment? parent = null;
        if (parentId is { } id)
        {
            parent = await store.FindCommentAsync(id, ct);
            if (parent is null || parent.VideoId != videoId)
            {
                return EngagementErrors.CommentNotFound with { Field = "parentId" };
            }

            if (parent.ParentId is not null)
            {
                return EngagementErrors.ReplyTooDeep;
            }
        }

        var comment = Comment.Create(videoId, userId, parent, text, clock.UtcNow);
        await store.AddCommentAsync(comment, ct);
        return await store.FindCommentAsync(comment.Id, ct) is { } saved ? saved : comment;
    }

    public async Task<Result<Comment>> Edit(Guid commentId, string? body, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await VisibleAsync(commentId, userId, ct) is not { } comment)
        {
            return EngagementErrors.CommentNotFound;
        }

        if (comment.AuthorId != userId)
        {
            return VideoErrors.NotOwner with { Message = "Only the author may edit a comment." };
        }

        if (Comment.NormalizeBody(body) is not { } text)
        {
            return EngagementErrors.InvalidComment;
        }

        await store.EditCommentAsync(commentId, text, clock.UtcNow, ct);
        return (await store.FindCommentAsync(commentId, ct))!;
    }

    public async Task<Result<Guid>> Delete(Guid commentId, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await VisibleAsync(commentId, userId, ct) is not { } comment)
        {
            return EngagementErrors.CommentNotFound;
        }

        var video = await videos.FindVideoAsync(comment.VideoId, ct);
        if (comment.AuthorId != userId && video?.OwnerId != userId)
        {
            return VideoErrors.NotOwner with { Message = "Only the author or the video's owner may delete a comment." };
        }

        await store.DeleteCommentAsync(comment, ct);
        return commentId;
    }

    public async Task<Result<Page<Comment>>> List(Video video, Guid? parentId, PageRequest page, CancellationToken ct) =>
        VideoAccess.CanView(video, caller.UserId)
            ? await Pages.RunAsync(page, () => queries.CommentsAsync(video.Id, parentId, page, ct))
            : Page<Comment>.Empty;

    private Task<Comment?> VisibleAsync(Guid commentId, Guid userId, CancellationToken ct) => FindVisibleAsync(store, videos, commentId, userId, ct);

    /// <summary>A comment on a video the caller may see, else null.</summary>
    internal static async Task<Comment?> FindVisibleAsync(IEngagementStore store, IVideoStore videos, Guid commentId, Guid userId, CancellationToken ct) =>
        await store.FindCommentAsync(commentId, ct) is { } comment && await videos.FindVideoAsync(comment.VideoId, ct) is { } video
            && VideoAccess.CanView(video, userId) ? comment : null;
}
