using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>Follows one stream: its state now, then every change (viewer counts while live); the feed completes
/// after ENDED.</summary>
public sealed class WatchLiveStream(
    ILiveStreamStore streams,
    ILiveStreamEvents events,
    ILiveIngest ingest,
    ICurrentUser caller
)
{
    public async Task<Result<EventFeed<LiveStreamEvent>>> Handle(Guid streamId, CancellationToken ct)
    {
        if (
            await streams.FindLiveStreamAsync(streamId, ct) is not { } known
            || !GetLiveStream.CanView(known, caller.UserId)
        )
        {
            return LiveErrors.NotFound;
        }

        var feed = new LiveStreamFeed();
        LiveStreamEvent? latest = null;
        var gate = new object();
        feed.Attach(
            await events.SubscribeAsync(
                streamId,
                e =>
                {
                    lock (gate)
                    {
                        if (latest is null || e.OccurredAt >= latest.OccurredAt)
                        {
                            latest ??= e;
                            Deliver(feed, e);
                        }
                    }

                    return ValueTask.CompletedTask;
                }
            )
        );

        // Read again after subscribing, so that no change falls between the state and the first event.
        await streams.ReloadAsync(known, ct);
        lock (gate)
        {
            if (latest is null)
            {
                latest = LiveStreamEvent.Of(known, ingest.ViewersOf(streamId), known.UpdatedAt);
                Deliver(feed, latest);
            }
        }

        return feed;
    }

    private static void Deliver(LiveStreamFeed feed, LiveStreamEvent e)
    {
        feed.Offer(e);
        if (e.Status == LiveStreamStatus.Ended)
        {
            feed.End();
        }
    }

    private sealed class LiveStreamFeed() : EventFeed<LiveStreamEvent>(64);
}
