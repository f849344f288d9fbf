using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of sign-in sessions (refresh tokens); <see cref="SaveChangesAsync"/> is the scope's unit of
/// work and reports a lost race on a session's concurrency token as <see
/// cref="ConcurrencyConflictException"/>.</summary>
public interface ISessionStore
{
    Task<Session?> FindSessionAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<Session>> ListActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken ct);

    void AddSession(Session session);

    /// <summary>Revokes a session in one atomic write, whatever else changed on it meanwhile (a refresh racing with
    /// a replay must not win against the revocation). False when it was already revoked or does not exist.</summary>
    Task<bool> RevokeSessionAsync(Guid id, DateTimeOffset now, string reason, CancellationToken ct);

    Task SaveChangesAsync(CancellationToken ct);
}
