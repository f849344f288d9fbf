using System.Collections.Concurrent;
using System.Text.Json;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InMemoryLiveStreamEvents _local = new(localLogger);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private bool _subscribed;

    private RedisChannel Channel => RedisChannel.Literal($"{options.Value.KeyPrefix}events:live");

    public async ValueTask PublishAsync(LiveStreamEvent liveEvent, CancellationToken ct)
    {
        try
        {
            var redis = await connection.GetAsync();
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(liveEvent, Json));
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
        await _subscribing.WaitAsync();
        try
        {
            if (!_subscribed)
            {
                var redis = await connection.GetAsync();
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Dispatch(message));
                _subscribed = true;
            }
        }
        finally
        {
            _subscribing.Release();
        }

        return await _local.SubscribeAsync(streamId, handler);
    }

    private void Dispatch(RedisValue message)
    {
        LiveStreamEvent? liveEvent;
        try
        {
            liveEvent = message.IsNullOrEmpty
                ? null
                : JsonSerializer.Deserialize<LiveStreamEvent>((string)message!, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignoring a malformed live stream event");
            return;
        }

        if (liveEvent is not null)
        {
            _ = _local.PublishAsync(liveEvent, CancellationToken.None).AsTask();
        }
    }

    public void Dispose() => _subscribing.Dispose();
}
