using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

/// <summary>What the download maker came to: the file and its size, or a failure.</summary>
public sealed record DownloadOutcome(Guid VideoId, string File, long? SizeBytes);

/// <summary>Records a finished or failed download and announces it; a report for a download no longer being made
/// (the video was deleted, or another request took over) removes the file it made.</summary>
public sealed class CompleteVideoDownload(IVideoStore videos, IVideoMediaEditor media, IEventBus events, IClock clock)
{
    public async Task Handle(DownloadOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.UtcNow;
        var video = await videos.FindVideoAsync(outcome.VideoId, ct);
        var applied =
            video is not null
            && (
                outcome.SizeBytes is { } size
                    ? video.CompleteDownload(outcome.File, size, now)
                    : video.FailDownload(now)
            );
        if (!applied)
        {
            if (video is not null && outcome.SizeBytes is not null)
            {
                await media.DeleteFilesAsync(outcome.VideoId, [outcome.File], ct);
            }

            return;
        }

        await videos.SaveChangesAsync(ct);
        await events.PublishAsync(VideoEvents.Of(video!, now), CancellationToken.None);
    }
}
