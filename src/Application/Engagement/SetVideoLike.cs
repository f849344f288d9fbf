using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;

namespace StreamEngine.Application.Engagement;

/// <param name="Like">True to like, false to take the like back.</param>
public sealed record SetVideoLikeRequest(Guid VideoId, bool Like);

/// <summary>Likes a video the caller may watch, or takes the like back; one like per user, idempotent.</summary>
public sealed class SetVideoLike(IVideoStore videos, ILikeStore likes, RequireUser signedIn, IClock clock)
{
    public Task<Result<Guid>> Handle(SetVideoLikeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run<Guid>(async userId =>
        {
            if (await VideoAccess.FindWatchableAsync(videos, request.VideoId, userId, ct) is null)
            {
                return VideoErrors.NotFound;
            }

            _ = request.Like
                ? await likes.LikeVideoAsync(userId, request.VideoId, clock.UtcNow, ct)
                : await likes.UnlikeVideoAsync(userId, request.VideoId, ct);
            return request.VideoId;
        });
    }
}
