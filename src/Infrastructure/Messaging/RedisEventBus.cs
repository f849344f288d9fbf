using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>The event bus across instances: every event is published on Redis, on one channel per video and one per
/// owner, and each instance relays what its local subscribers asked for. The publishing instance hears its own events
/// back through Redis like every other, so all instances see one order.</summary>
internal sealed class RedisEventBus(
    RedisConnection connection,
    Microsoft.Extensions.Options.IOptions<RedisOptions> options,
    ILogger<RedisEventBus> logger
) : IEventBus, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<VideoEvent, ValueTask>>> _local = new(
        StringComparer.Ordinal
    );
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _subscribed = new(StringComparer.Ordinal);

    public async ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(videoEvent);
        var redis = await connection.GetAsync();
        var message = JsonSerializer.Serialize(videoEvent, Json);
        var subscriber = redis.GetSubscriber();

        // Events are live news (the state is in the database, webhooks have their own outbox): a publisher never
        // waits on Redis nor fails for it. While Redis is away the multiplexer keeps them in its backlog and sends
        // them once it is back (or drops them after its timeout).
        try
        {
            await subscriber.PublishAsync(
                RedisChannel.Literal(VideoChannel(videoEvent.VideoId)),
                message,
                CommandFlags.FireAndForget
            );
            await subscriber.PublishAsync(
                RedisChannel.Literal(OwnerChannel(videoEvent.OwnerId)),
                message,
                CommandFlags.FireAndForget
            );
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning(
                "An event of video {VideoId} was not published: {Reason}",
                videoEvent.VideoId,
                ex.Message
            );
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(
        Guid? videoId,
        Guid? ownerId,
        Func<VideoEvent, ValueTask> handler
    )
    {
        var channel = videoId is { } v
            ? VideoChannel(v)
            : OwnerChannel(ownerId ?? throw new ArgumentException("A video or an owner is needed."));
        var id = Guid.NewGuid();
        var handlers = _local.GetOrAdd(channel, _ => new ConcurrentDictionary<Guid, Func<VideoEvent, ValueTask>>());
        handlers[id] = handler;

        // The Redis subscription is made once per channel and waited for, so no event published after Subscribe
        // returns can be missed.
        await EnsureSubscribedAsync(channel);
        return new Unsubscriber(async () =>
        {
            if (
                _local.TryGetValue(channel, out var remaining)
                && remaining.TryRemove(id, out _)
                && remaining.IsEmpty
                && _local.TryRemove(
                    new KeyValuePair<string, ConcurrentDictionary<Guid, Func<VideoEvent, ValueTask>>>(
                        channel,
                        remaining
                    )
                )
            )
            {
                await _subscribing.WaitAsync();
                try
                {
                    if (!_local.ContainsKey(channel) && _subscribed.TryRemove(channel, out _))
                    {
                        var redis = await connection.GetAsync();
                        await redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(channel));
                    }
                }
                finally
                {
                    _subscribing.Release();
                }
            }
        });
    }

    private async Task EnsureSubscribedAsync(string channel)
    {
        await _subscribing.WaitAsync();
        try
        {
            if (_subscribed.ContainsKey(channel))
            {
                return;
            }

            var redis = await connection.GetAsync();
            var subscriber = redis.GetSubscriber();
            await subscriber.SubscribeAsync(RedisChannel.Literal(channel), (_, message) => Dispatch(channel, message));
            _subscribed[channel] = true;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Dispatch(string channel, RedisValue message)
    {
        if (!_local.TryGetValue(channel, out var handlers) || message.IsNullOrEmpty)
        {
            return;
        }

        VideoEvent? videoEvent;
        try
        {
            videoEvent = JsonSerializer.Deserialize<VideoEvent>((string)message!, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignoring a malformed event on {Channel}", channel);
            return;
        }

        if (videoEvent is null)
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            try
            {
                var pending = handler(videoEvent);
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "A subscriber of {Channel} failed", channel);
            }
        }
    }

    public void Dispose() => _subscribing.Dispose();

    private string VideoChannel(Guid videoId) => $"{options.Value.KeyPrefix}events:video:{videoId:N}";

    private string OwnerChannel(Guid ownerId) => $"{options.Value.KeyPrefix}events:owner:{ownerId:N}";

    private sealed class Unsubscriber(Func<Task> remove) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await remove();
    }
}
