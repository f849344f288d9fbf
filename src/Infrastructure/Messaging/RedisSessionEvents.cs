using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>Session events across instances: one Redis channel that every instance listens to (sessions end rarely,
/// and each instance keeps only the handlers of its own connections).</summary>
internal sealed class RedisSessionEvents(
    RedisConnection connection,
    IOptions<RedisOptions> options,
    ILogger<RedisSessionEvents> logger
) : ISessionEvents, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, Func<SessionsEnded, ValueTask>> _handlers = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private bool _subscribed;

    private RedisChannel Channel => RedisChannel.Literal($"{options.Value.KeyPrefix}events:sessions-ended");

    public async ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct)
    {
        try
        {
            var redis = await connection.GetAsync();
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(ended, Json));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The sessions are ended in the database already; connections notice at their next periodic check.
            logger.LogWarning(ex, "Could not announce ended sessions of user {UserId}", ended.UserId);
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(Func<SessionsEnded, ValueTask> handler)
    {
        var id = Guid.NewGuid();
        _handlers[id] = handler;
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
        catch
        {
            _handlers.TryRemove(id, out _);
            throw;
        }
        finally
        {
            _subscribing.Release();
        }

        return new Removal(() => _handlers.TryRemove(id, out _));
    }

    private void Dispatch(RedisValue message)
    {
        SessionsEnded? ended;
        try
        {
            ended = message.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SessionsEnded>((string)message!, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignoring a malformed session event");
            return;
        }

        if (ended is null)
        {
            return;
        }

        foreach (var handler in _handlers.Values)
        {
            try
            {
                var pending = handler(ended);
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "A session-ended handler failed");
            }
        }
    }

    public void Dispose() => _subscribing.Dispose();

    private sealed class Removal(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
