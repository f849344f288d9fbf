using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

public sealed record TranscodeProgressReport(Guid VideoId, string Stage, double Percent, string? Rendition);

/// <summary>Applies a pipeline's progress report to the video and publishes it. Reports that arrive late, twice or
/// after the video left PROCESSING change nothing, so at-least-once delivery is safe.</summary>
public sealed class ReportTranscodeProgress(IVideoStore videos, IEventBus events, IClock clock)
{
    public async Task Handle(TranscodeProgressReport progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var now = clock.UtcNow;
        if (
            await videos.FindVideoAsync(progress.VideoId, ct) is { } video
            && video.ReportProgress(progress.Stage, progress.Percent, now)
        )
        {
            await videos.SaveChangesAsync(ct);
            await events.PublishAsync(VideoEvents.Of(video, now, progress.Rendition), ct);
        }
    }
}
