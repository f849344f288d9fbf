using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Reads videos as the caller may see them; a video the caller may not see does not exist for them.</summary>
public sealed class GetVideos(IVideoStore videos, IPlaybackUrlSigner signer, ICurrentUser caller, IClock clock)
{
    public async Task<Video?> ById(Guid id, CancellationToken ct) =>
        await videos.FindVideoAsync(id, ct) is { } video && VideoAccess.CanView(video, caller.UserId) ? video : null;

    /// <summary>Signed playback URLs, for a READY video the caller may watch.</summary>
    public SignedPlayback? Playback(Video video) =>
        video.IsReady && VideoAccess.CanView(video, caller.UserId)
            ? signer.Sign(video.Id, clock.UtcNow, VideoAccess.IsOwner(video, caller.UserId) ? PlaybackAudience.Owner : PlaybackAudience.Public)
            : null;

    /// <summary>Whether anyone at all may watch the video now (READY and not private): what a URL signed for the
    /// public still needs while it is used.</summary>
    public async Task<bool> IsPubliclyWatchableAsync(Guid videoId, CancellationToken ct) =>
        await VideoAccess.FindWatchableAsync(videos, videoId, null, ct) is not null;

    /// <summary>Progress and failure details are the owner's business.</summary>
    public bool MaySeeProcessingDetails(Video video) => VideoAccess.IsOwner(video, caller.UserId);
}
