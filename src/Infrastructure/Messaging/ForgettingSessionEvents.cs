using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Identity;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>Session events that first make this process's <see cref="ActiveSessionCache"/> forget the ended
/// sessions, then tell every instance: the instance that ended a session refuses it from its next request on, without
/// waiting for its own message to come back from Redis.</summary>
internal sealed class ForgettingSessionEvents(ISessionEvents inner, ActiveSessionCache cache) : ISessionEvents
{
    public ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct)
    {
        cache.Forget(ended);
        return inner.PublishAsync(ended, ct);
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Func<SessionsEnded, ValueTask> handler) =>
        inner.SubscribeAsync(handler);
}
