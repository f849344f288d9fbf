using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>One Redis channel that every instance listens to, for events that are rare and small (sessions ended, a
/// live stream's state): a message goes out as JSON, and an instance subscribes once, at its first local subscriber,
/// handing each message it hears to its own handlers. A malformed message is logged and dropped.</summary>
internal sealed class RedisRelay<T>(RedisConnection connection, string channel, ILogger logger) : IDisposable
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private bool _subscribed;

    private RedisChannel Channel => RedisChannel.Literal(channel);

    /// <summary>Sends <paramref name="message"/> to every instance; throws what Redis throws (the caller decides what
    /// an unannounced event costs).</summary>
    public async Task PublishAsync(T message)
    {
        var redis = await connection.GetAsync();
        await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(message, Json));
    }

    /// <summary>Listens to the channel from now on (once per instance), handing what it hears to
    /// <paramref name="deliver"/>.</summary>
    public async Task ListenAsync(Action<T> deliver)
    {
        await _subscribing.WaitAsync();
        try
        {
            if (!_subscribed)
            {
                var redis = await connection.GetAsync();
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Dispatch(message, deliver));
                _subscribed = true;
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Dispatch(RedisValue message, Action<T> deliver)
    {
        T? value;
        try
        {
            value = message.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((string)message!, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignoring a malformed {Event} on {Channel}", typeof(T).Name, channel);
            return;
        }

        if (value is not null)
        {
            deliver(value);
        }
    }

    public void Dispose() => _subscribing.Dispose();
}
