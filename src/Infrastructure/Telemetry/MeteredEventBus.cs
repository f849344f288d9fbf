using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Telemetry;

/// <summary>Counts what passes through the event bus (published, delivered, open subscriptions) around the bus the
/// configuration chose.</summary>
internal sealed class MeteredEventBus(IEventBus inner, OperationsMetrics metrics) : IEventBus
{
    public async ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct)
    {
        await inner.PublishAsync(videoEvent, ct);
        metrics.EventPublished();
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(
        Guid? videoId,
        Guid? ownerId,
        Func<VideoEvent, ValueTask> handler
    )
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = await inner.SubscribeAsync(
            videoId,
            ownerId,
            videoEvent =>
            {
                metrics.EventDelivered();
                return handler(videoEvent);
            }
        );
        metrics.Subscribed();
        return new Counted(subscription, metrics);
    }

    private sealed class Counted(IAsyncDisposable inner, OperationsMetrics metrics) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                metrics.Unsubscribed();
                await inner.DisposeAsync();
            }
        }
    }
}
