using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

/// <summary>A pipeline that publishes segments as it encodes reports that the first segments of every rendition
/// exist: the PROCESSING video becomes playable from its start and the change is published (its owner's studio and
/// the watch page start the player before READY). A report for a video in any other state, or a second one, changes
/// nothing.</summary>
public sealed class MarkVideoPlayable(IVideoStore videos, IEventBus events, IClock clock)
{
    public async Task Handle(Guid videoId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (await videos.FindVideoAsync(videoId, ct) is { } video && video.MarkPlayable(now))
        {
            await videos.SaveChangesAsync(ct);
            await events.PublishAsync(VideoEvents.Of(video, now), ct);
        }
    }
}
