using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>Live stream events in this process: handlers by stream.</summary>
internal sealed class InMemoryLiveStreamEvents(ILogger<InMemoryLiveStreamEvents> logger) : ILiveStreamEvents
{
    private readonly ConcurrentDictionary<
        Guid,
        ConcurrentDictionary<Guid, Func<LiveStreamEvent, ValueTask>>
    > _handlers = new();

    public async ValueTask PublishAsync(LiveStreamEvent liveEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        if (!_handlers.TryGetValue(liveEvent.StreamId, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            try
            {
                await handler(liveEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A live stream event handler failed");
            }
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Guid streamId, Func<LiveStreamEvent, ValueTask> handler)
    {
        var id = Guid.NewGuid();
        var handlers = _handlers.GetOrAdd(streamId, _ => new());
        handlers[id] = handler;
        return ValueTask.FromResult<IAsyncDisposable>(
            new Removal(() =>
            {
                handlers.TryRemove(id, out _);
                if (handlers.IsEmpty)
                {
                    _handlers.TryRemove(
                        new KeyValuePair<Guid, ConcurrentDictionary<Guid, Func<LiveStreamEvent, ValueTask>>>(
                            streamId,
                            handlers
                        )
                    );
                }
            })
        );
    }

    private sealed class Removal(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Live stream events across instances: one Redis channel (streams change state rarely), delivered to this
/// instance's handlers by stream.</summary>
internal sealed class RedisLiveStreamEvents(
    RedisConnection connection,
    IOptions<RedisOptions> options,
    ILogger<RedisLiveStreamEvents> logger,
    ILogger<InMemoryLiveStreamEvents> localLogger
) : ILiveStreamEvents, IDisposable
{
    private readonly InMemoryLiveStreamEvents _local = new(localLogger);
    private readonly RedisRelay<LiveStreamEvent> _relay = new(
        connection,
        $"{options.Value.KeyPrefix}events:live",
        logger
    );

    public async ValueTask PublishAsync(LiveStreamEvent liveEvent, CancellationToken ct)
    {
        try
        {
            await _relay.PublishAsync(liveEvent);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The state is in the database; this instance's subscribers still hear it.
            logger.LogWarning(ex, "Could not announce a change of live stream {StreamId}", liveEvent.StreamId);
            await _local.PublishAsync(liveEvent, ct);
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(Guid streamId, Func<LiveStreamEvent, ValueTask> handler)
    {
        await _relay.ListenAsync(liveEvent => _ = _local.PublishAsync(liveEvent, CancellationToken.None).AsTask());
        return await _local.SubscribeAsync(streamId, handler);
    }

    public void Dispose() => _relay.Dispose();
}
