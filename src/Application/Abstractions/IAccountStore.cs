using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of accounts, sessions and one-time codes. Changes are tracked and written by
/// <see cref="SaveChangesAsync"/>; a unique-key conflict surfaces as <see cref="DuplicateKeyException"/>, a lost race
/// on a concurrency token as <see cref="ConcurrencyConflictException"/>.</summary>
public interface IAccountStore
{
    Task<User?> FindUserAsync(Guid id, CancellationToken ct);

    Task<User?> FindUserByEmailAsync(EmailAddress email, CancellationToken ct);

    Task<User?> FindUserByGoogleSubjectAsync(string subject, CancellationToken ct);

    Task<User?> FindUserByHandleAsync(Handle handle, CancellationToken ct);

    Task<bool> HandleExistsAsync(Handle handle, CancellationToken ct);

    void AddUser(User user);

    Task<Session?> FindSessionAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<Session>> ListActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken ct);

    void AddSession(Session session);

    /// <summary>Revokes a session in one atomic write, whatever else changed on it meanwhile (a refresh racing with
    /// a replay must not win against the revocation). False when it was already revoked or does not exist.</summary>
    Task<bool> RevokeSessionAsync(Guid id, DateTimeOffset now, string reason, CancellationToken ct);

    Task<OneTimeCode?> FindCodeByTokenHashAsync(string tokenHash, OneTimeCodePurpose purpose, CancellationToken ct);

    Task<IReadOnlyList<OneTimeCode>> ListCodesAsync(Guid userId, OneTimeCodePurpose purpose, DateTimeOffset since, CancellationToken ct);

    void AddCode(OneTimeCode code);

    Task SaveChangesAsync(CancellationToken ct);
}

/// <summary>Thrown by a store when a write breaks a unique key (two registrations racing for one e-mail).</summary>
public sealed class DuplicateKeyException(string message, Exception? inner = null) : Exception(message, inner)
{
    public DuplicateKeyException()
        : this("A unique key was violated.")
    {
    }

    public DuplicateKeyException(string message)
        : this(message, null)
    {
    }
}

/// <summary>Thrown by a store when the row changed since it was read (two refreshes of one session racing).</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner)
{
    public ConcurrencyConflictException()
        : this("The data changed since it was read.")
    {
    }

    public ConcurrencyConflictException(string message)
        : this(message, null)
    {
    }
}
