using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>The caller's own video, or why not (a video the caller may not see does not exist for them).</summary>
internal static class OwnedVideo
{
    public static async Task<Result<Video>> FindAsync(
        IVideoStore videos,
        ICurrentUser caller,
        Guid videoId,
        CancellationToken ct
    )
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var video = await videos.FindVideoAsync(videoId, ct);
        if (video is null || (video.OwnerId != userId && !VideoAccess.CanView(video, userId)))
        {
            return VideoErrors.NotFound;
        }

        return video.OwnerId == userId ? video : VideoErrors.NotOwner;
    }
}
