using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>The owner asks for a progressive MP4 of their READY video: it is remuxed from the top rendition in the
/// background (no re-encode), and the status subscription announces PREPARING and then READY or FAILED. Asking again
/// while one is ready changes nothing; a download whose maker was lost (a restart) is taken over.</summary>
public sealed class RequestVideoDownload(
    IVideoStore videos,
    IVideoMediaEditor media,
    IDownloadWork work,
    IEventBus events,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<Video>> Handle(Guid videoId, CancellationToken ct)
    {
        var owned = await OwnedVideo.FindAsync(videos, caller, videoId, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        var video = owned.Value;
        if (MediaEditRules.Editable(video, media, MediaEdit.Downloads) is { } refused)
        {
            return refused;
        }

        if (video.DownloadState == DownloadState.Ready)
        {
            return video;
        }

        var now = clock.UtcNow;
        if (!video.BeginDownload(now, restart: !work.IsRunning(video.Id)))
        {
            return DownloadErrors.Busy;
        }

        var file = VideoMediaFiles.Download(Guid.NewGuid().ToString("N")[..12]);
        await videos.SaveChangesAsync(ct);
        work.Start(video.Id, file);
        await events.PublishAsync(VideoEvents.Of(video, now), CancellationToken.None);
        return video;
    }
}

public static class DownloadErrors
{
    public static readonly Error Busy = new(
        "DOWNLOAD_BUSY",
        "A download of this video is being made; its status arrives on the video's subscription.",
        "videoId",
        ErrorKind.Conflict
    );
}
