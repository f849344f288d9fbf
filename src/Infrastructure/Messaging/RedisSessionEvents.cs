using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<Guid, Func<SessionsEnded, ValueTask>> _handlers = new();
    private readonly RedisRelay<SessionsEnded> _relay = new(
        connection,
        $"{options.Value.KeyPrefix}events:sessions-ended",
        logger
    );

    public async ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct)
    {
        try
        {
            await _relay.PublishAsync(ended);
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
        try
        {
            await _relay.ListenAsync(Deliver);
        }
        catch
        {
            _handlers.TryRemove(id, out _);
            throw;
        }

        return new Removal(() => _handlers.TryRemove(id, out _));
    }

    private void Deliver(SessionsEnded ended)
    {
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

    public void Dispose() => _relay.Dispose();

    private sealed class Removal(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
