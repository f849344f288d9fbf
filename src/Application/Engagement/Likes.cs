using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;

namespace StreamEngine.Application.Engagement;

/// <summary>Likes of videos and comments: one per user, idempotent.</summary>
public sealed class Likes(IVideoStore videos, IEngagementStore store, ICurrentUser caller, IClock clock)
{
    public async Task<Result<Guid>> Video(Guid videoId, bool like, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await VideoAccess.FindWatchableAsync(videos, videoId, userId, ct) is null)
        {
            return VideoErrors.NotFound;
        }

        _ = like ? await store.LikeVideoAsync(userId, videoId, clock.UtcNow, ct) : await store.UnlikeVideoAsync(userId, videoId, ct);
        return videoId;
    }

    public async Task<Result<Guid>> Comment(Guid commentId, bool like, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await Comments.FindVisibleAsync(store, videos, commentId, userId, ct) is null)
        {
            return EngagementErrors.CommentNotFound;
        }

        _ = like ? await store.LikeCommentAsync(userId, commentId, clock.UtcNow, ct) : await store.UnlikeCommentAsync(userId, commentId, ct);
        return commentId;
    }
}
