namespace StreamEngine.Application.Abstractions;

/// <summary>Sessions that ended: these ids of one user, or every session of the user when <see cref="SessionIds"/> is
/// null (logout everywhere, password reset, account deletion).</summary>
public sealed record SessionsEnded(Guid UserId, IReadOnlyList<Guid>? SessionIds)
{
    public bool Covers(Guid userId, Guid sessionId) =>
        userId == UserId && (SessionIds is null || SessionIds.Contains(sessionId));
}

/// <summary>Tells every instance at once that sessions ended, so long-lived connections signed in with them
/// (WebSockets) close instead of acting for the user until their token expires.</summary>
public interface ISessionEvents
{
    ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct);

    /// <summary>When the returned task completes, every later publication reaches the handler.</summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(Func<SessionsEnded, ValueTask> handler);
}
