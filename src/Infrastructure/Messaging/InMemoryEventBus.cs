using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>The embedded default's event bus: events reach the subscribers of this process only.</summary>
internal sealed class InMemoryEventBus(ILogger<InMemoryEventBus> logger) : IEventBus
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    public async ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(videoEvent);
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.VideoId == videoEvent.VideoId || subscription.OwnerId == videoEvent.OwnerId)
            {
                try
                {
                    await subscription.Handler(videoEvent);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One broken subscriber must not stop the others or the publisher.
                    logger.LogWarning(ex, "A subscriber of video {VideoId} failed", videoEvent.VideoId);
                }
            }
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Guid? videoId, Guid? ownerId, Func<VideoEvent, ValueTask> handler)
    {
        var id = Guid.NewGuid();
        _subscriptions[id] = new Subscription(videoId, ownerId, handler);
        return ValueTask.FromResult<IAsyncDisposable>(new Unsubscriber(() => _subscriptions.TryRemove(id, out _)));
    }

    private sealed record Subscription(Guid? VideoId, Guid? OwnerId, Func<VideoEvent, ValueTask> Handler);

    private sealed class Unsubscriber(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
