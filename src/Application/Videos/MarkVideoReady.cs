using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>What a pipeline produced: the measured ladder and the source's duration and size.</summary>
public sealed record TranscodedVideo(
    Guid VideoId,
    IReadOnlyList<Rendition> Renditions,
    double DurationSeconds,
    int Width,
    int Height,
    Storyboard? Storyboard = null
);

/// <summary>Makes a PROCESSING video READY with its ladder, removes the raw upload and publishes the change; a
/// report for a video in any other state changes nothing (idempotent).</summary>
public sealed class MarkVideoReady(IVideoStore videos, IObjectStorage storage, IEventBus events, IClock clock)
{
    public async Task Handle(TranscodedVideo result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = clock.UtcNow;
        if (await videos.FindVideoAsync(result.VideoId, ct) is not { Status: VideoStatus.Processing } video)
        {
            return;
        }

        video.MarkReady(result.Renditions, result.DurationSeconds, result.Width, result.Height, now, result.Storyboard);
        await videos.SaveChangesAsync(ct);

        // The raw upload is not needed once the ladder exists.
        await storage.DeleteSourceAsync(result.VideoId, ct);
        await events.PublishAsync(VideoEvents.Of(video, now), ct);
    }
}
