using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Tests.Fakes;

/// <summary>Accounts, sessions and codes in memory. <see cref="ConflictOnNextSave"/> makes the next save fail as a lost
/// race on a concurrency token does (the store's contract), so use cases' race handling can be tested in isolation.</summary>
internal sealed class InMemoryAccountStore : IAccountStore
{
    public List<User> Users { get; } = [];

    public List<Session> Sessions { get; } = [];

    public List<OneTimeCode> Codes { get; } = [];

    public int Saves { get; private set; }

    public bool ConflictOnNextSave { get; set; }

    public Task<User?> FindUserAsync(Guid id, CancellationToken ct) => Task.FromResult(Users.FirstOrDefault(u => u.Id == id));

    public Task<User?> FindUserByEmailAsync(EmailAddress email, CancellationToken ct) => Task.FromResult(Users.FirstOrDefault(u => u.Email == email.Value));

    public Task<User?> FindUserByGoogleSubjectAsync(string subject, CancellationToken ct) => Task.FromResult(Users.FirstOrDefault(u => u.GoogleSubject == subject));

    public Task<User?> FindUserByHandleAsync(Handle handle, CancellationToken ct) => Task.FromResult(Users.FirstOrDefault(u => u.Handle == handle.Value));

    public Task<bool> HandleExistsAsync(Handle handle, CancellationToken ct) => Task.FromResult(Users.Any(u => u.Handle == handle.Value));

    public void AddUser(User user) => Users.Add(user);

    public Task<Session?> FindSessionAsync(Guid id, CancellationToken ct) => Task.FromResult(Sessions.FirstOrDefault(s => s.Id == id));

    public Task<IReadOnlyList<Session>> ListActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Session>>([.. Sessions.Where(s => s.UserId == userId && s.IsActive(now))]);

    public void AddSession(Session session) => Sessions.Add(session);

    public Task<bool> RevokeSessionAsync(Guid id, DateTimeOffset now, string reason, CancellationToken ct)
    {
        var session = Sessions.FirstOrDefault(s => s.Id == id && s.RevokedAt is null);
        session?.Revoke(now, reason);
        return Task.FromResult(session is not null);
    }

    public Task<OneTimeCode?> FindCodeByTokenHashAsync(string tokenHash, OneTimeCodePurpose purpose, CancellationToken ct) =>
        Task.FromResult(Codes.FirstOrDefault(c => c.TokenHash == tokenHash && c.Purpose == purpose));

    public Task<IReadOnlyList<OneTimeCode>> ListCodesAsync(Guid userId, OneTimeCodePurpose purpose, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OneTimeCode>>([.. Codes.Where(c => c.UserId == userId && c.Purpose == purpose && c.CreatedAt >= since).OrderByDescending(c => c.CreatedAt)]);

    public void AddCode(OneTimeCode code) => Codes.Add(code);

    public Task SaveChangesAsync(CancellationToken ct)
    {
        if (ConflictOnNextSave)
        {
            ConflictOnNextSave = false;
            throw new ConcurrencyConflictException();
        }

        Saves++;
        return Task.CompletedTask;
    }
}

/// <summary>"Hashes" by prefixing, and counts verifications: the slow step whose count the limits are about.</summary>
internal sealed class CountingHasher : IPasswordHasher
{
    public int Verifications { get; private set; }

    public string Hash(string password) => "hash:" + password;

    public PasswordCheck Verify(string hash, string password)
    {
        Verifications++;
        return hash == "hash:" + password ? PasswordCheck.Success : PasswordCheck.Failed;
    }
}

internal sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;
}

internal sealed class RecordingSessionEvents : ISessionEvents
{
    public List<SessionsEnded> Published { get; } = [];

    public ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct)
    {
        Published.Add(ended);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Func<SessionsEnded, ValueTask> handler) => throw new NotSupportedException();
}

internal sealed class FakeTokens : ITokenIssuer
{
    public AccessToken IssueAccessToken(User user, Session session) => new("token-" + session.Id, DateTimeOffset.MaxValue);

    public Task<AccessTokenCheck> ValidateAccessTokenAsync(string token, CancellationToken ct) => throw new NotSupportedException();
}
