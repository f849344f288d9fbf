using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;

namespace StreamEngine.Application.Engagement;

/// <param name="Like">True to like, false to take the like back.</param>
public sealed record SetCommentLikeRequest(Guid CommentId, bool Like);

/// <summary>Likes a comment on a video the caller may see, or takes the like back; idempotent.</summary>
public sealed class SetCommentLike(ILikeStore likes, VisibleComment visible, RequireUser signedIn, IClock clock)
{
    public Task<Result<Guid>> Handle(SetCommentLikeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run<Guid>(async userId =>
        {
            if (await visible.FindAsync(request.CommentId, userId, ct) is null)
            {
                return EngagementErrors.CommentNotFound;
            }

            _ = request.Like
                ? await likes.LikeCommentAsync(userId, request.CommentId, clock.UtcNow, ct)
                : await likes.UnlikeCommentAsync(userId, request.CommentId, ct);
            return request.CommentId;
        });
    }
}
