using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A video's download as the caller may see it.</summary>
public sealed record DownloadView(DownloadState State, Uri? Url, long? SizeBytes);

/// <summary>The owner sees the download in any state; others see a READY download of a video whose owner allows
/// downloads and that they may watch, signed like its playback.</summary>
public sealed class GetDownload(GetPlayback playback, Abstractions.ICurrentUser caller)
{
    public DownloadView? Handle(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var owner = VideoAccess.IsOwner(video, caller.UserId);
        if (!owner && !(video.AllowDownloads && video.DownloadState == DownloadState.Ready))
        {
            return null;
        }

        if (video.DownloadState == DownloadState.None || playback.Handle(video) is not { } signed)
        {
            return null;
        }

        var url = video is { DownloadState: DownloadState.Ready, DownloadFile: { } file } ? signed.File(file) : null;
        return new DownloadView(
            video.DownloadState,
            url,
            video.DownloadState == DownloadState.Ready ? video.DownloadSizeBytes : null
        );
    }
}
