using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>The embedded default's session events: this process only.</summary>
internal sealed class InMemorySessionEvents(ILogger<InMemorySessionEvents> logger) : ISessionEvents
{
    private readonly ConcurrentDictionary<Guid, Func<SessionsEnded, ValueTask>> _handlers = new();

    public async ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct)
    {
        foreach (var handler in _handlers.Values)
        {
            try
            {
                await handler(ended);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A session-ended handler failed");
            }
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Func<SessionsEnded, ValueTask> handler)
    {
        var id = Guid.NewGuid();
        _handlers[id] = handler;
        return ValueTask.FromResult<IAsyncDisposable>(new Removal(() => _handlers.TryRemove(id, out _)));
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
