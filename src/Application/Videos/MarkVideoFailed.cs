using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

public sealed record TranscodeFailure(Guid VideoId, string Reason);

/// <summary>Fails a video with a reason, removes its source and any media made so far, and publishes the change; a
/// second report changes nothing.</summary>
public sealed class MarkVideoFailed(IVideoStore videos, IObjectStorage storage, IEventBus events, IClock clock)
{
    public async Task Handle(TranscodeFailure failure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var now = clock.UtcNow;
        if (await videos.FindVideoAsync(failure.VideoId, ct) is { } video && video.MarkFailed(failure.Reason, now))
        {
            await videos.SaveChangesAsync(ct);
            await storage.DeleteSourceAsync(failure.VideoId, ct);
            await storage.DeleteMediaAsync(failure.VideoId, ct);
            await events.PublishAsync(VideoEvents.Of(video, now), ct);
        }
    }
}
