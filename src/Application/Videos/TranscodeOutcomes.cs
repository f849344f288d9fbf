using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Applies what a pipeline reports (progress, success, failure) to the video and publishes it. Every
/// method is idempotent and ignores reports that arrive late or twice, so at-least-once delivery is safe.</summary>
public sealed class TranscodeOutcomes(IVideoStore videos, IObjectStorage storage, IEventBus events, IClock clock)
{
    public async Task ProgressAsync(Guid videoId, string stage, double percent, string? rendition, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (await videos.FindVideoAsync(videoId, ct) is { } video && video.ReportProgress(stage, percent, now))
        {
            await videos.SaveChangesAsync(ct);
            await events.PublishAsync(VideoEvents.Of(video, now, rendition), ct);
        }
    }

    public async Task ReadyAsync(Guid videoId, IReadOnlyList<Rendition> renditions, double durationSeconds, int width, int height, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (await videos.FindVideoAsync(videoId, ct) is not { Status: VideoStatus.Processing } video)
        {
            return;
        }

        video.MarkReady(renditions, durationSeconds, width, height, now);
        await videos.SaveChangesAsync(ct);

        // The raw upload is not needed once the ladder exists.
        await storage.DeleteSourceAsync(videoId, ct);
        await events.PublishAsync(VideoEvents.Of(video, now), ct);
    }

    public async Task FailedAsync(Guid videoId, string reason, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (await videos.FindVideoAsync(videoId, ct) is { } video && video.MarkFailed(reason, now))
        {
            await videos.SaveChangesAsync(ct);
            await storage.DeleteSourceAsync(videoId, ct);
            await storage.DeleteMediaAsync(videoId, ct);
            await events.PublishAsync(VideoEvents.Of(video, now), ct);
        }
    }
}
