using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Fakes;

public sealed class InMemoryUsers : UnitOfWorkFake, IUserStore
{
    public List<User> All { get; } = [];

    public Task<User?> FindUserAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(u => u.Id == id));

    public Task<User?> FindUserByEmailAsync(EmailAddress email, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(u => u.Email == email.Value));

    public Task<User?> FindUserByGoogleSubjectAsync(string subject, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(u => u.GoogleSubject == subject));

    public Task<User?> FindUserByHandleAsync(Handle handle, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(u => u.Handle == handle.Value));

    public Task<bool> HandleExistsAsync(Handle handle, CancellationToken ct) =>
        Task.FromResult(All.Any(u => u.Handle == handle.Value));

    public void AddUser(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (All.Any(u => u.Email == user.Email || u.Handle == user.Handle))
        {
            throw new DuplicateKeyException();
        }

        All.Add(user);
    }
}

public sealed class InMemorySessions : UnitOfWorkFake, ISessionStore
{
    public List<Session> All { get; } = [];

    public Task<Session?> FindSessionAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(s => s.Id == id));

    public Task<IReadOnlyList<Session>> ListActiveSessionsAsync(
        Guid userId,
        DateTimeOffset now,
        CancellationToken ct
    ) => Task.FromResult<IReadOnlyList<Session>>([.. All.Where(s => s.UserId == userId && s.IsActive(now))]);

    public void AddSession(Session session) => All.Add(session);

    public Task<bool> RevokeSessionAsync(Guid id, DateTimeOffset now, string reason, CancellationToken ct)
    {
        var session = All.FirstOrDefault(s => s.Id == id && s.RevokedAt is null);
        session?.Revoke(now, reason);
        return Task.FromResult(session is not null);
    }
}

public sealed class InMemoryCodes : UnitOfWorkFake, IOneTimeCodeStore
{
    public List<OneTimeCode> All { get; } = [];

    public Task<OneTimeCode?> FindCodeByTokenHashAsync(
        string tokenHash,
        OneTimeCodePurpose purpose,
        CancellationToken ct
    ) => Task.FromResult(All.FirstOrDefault(c => c.TokenHash == tokenHash && c.Purpose == purpose));

    public Task<IReadOnlyList<OneTimeCode>> ListCodesAsync(
        Guid userId,
        OneTimeCodePurpose purpose,
        DateTimeOffset since,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlyList<OneTimeCode>>([
            .. All.Where(c => c.UserId == userId && c.Purpose == purpose && c.CreatedAt >= since)
                .OrderByDescending(c => c.CreatedAt),
        ]);

    public void AddCode(OneTimeCode code) => All.Add(code);
}

/// <summary>Records the accounts erased (the real one runs one transaction over every table).</summary>
public sealed class RecordingErasure(InMemoryUsers users) : IAccountErasure
{
    public List<Guid> Erased { get; } = [];

    public Task DeleteUserAsync(Guid userId, CancellationToken ct)
    {
        Erased.Add(userId);
        users.All.RemoveAll(u => u.Id == userId);
        return Task.CompletedTask;
    }
}
