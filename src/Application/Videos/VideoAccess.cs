using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Who may see a video: its owner always; anyone else only a playable video (READY, or PROCESSING with its
/// first segments out) that is not private.</summary>
public static class VideoAccess
{
    public static bool CanView(Video video, Guid? callerId)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.OwnerId == callerId || (video.IsPlayable && video.Visibility != Visibility.Private);
    }

    /// <summary>A playable video the caller may watch (and so like, comment on, or count a view of), else
    /// null.</summary>
    public static async Task<Video?> FindWatchableAsync(
        IVideoStore videos,
        Guid videoId,
        Guid? callerId,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(videos);
        return await videos.FindVideoAsync(videoId, ct) is { IsPlayable: true } video && CanView(video, callerId)
            ? video
            : null;
    }

    public static bool IsOwner(Video video, Guid? callerId) =>
        video is not null && callerId is not null && video.OwnerId == callerId;
}
