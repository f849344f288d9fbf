using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Infrastructure.Persistence;

internal sealed class EfAccountStore(AppDbContext db) : IUserStore, ISessionStore, IOneTimeCodeStore
{
    public Task<User?> FindUserAsync(Guid id, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);

    public Task<User?> FindUserByEmailAsync(EmailAddress email, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Email == email.Value, ct);

    public Task<User?> FindUserByGoogleSubjectAsync(string subject, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.GoogleSubject == subject, ct);

    public Task<User?> FindUserByHandleAsync(Handle handle, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Handle == handle.Value, ct);

    public Task<bool> HandleExistsAsync(Handle handle, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Handle == handle.Value, ct);

    public void AddUser(User user) => db.Users.Add(user);

    public Task<Session?> FindSessionAsync(Guid id, CancellationToken ct) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<IReadOnlyList<Session>> ListActiveSessionsAsync(
        Guid userId,
        DateTimeOffset now,
        CancellationToken ct
    ) => await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now).ToListAsync(ct);

    public void AddSession(Session session) => db.Sessions.Add(session);

    public async Task<bool> RevokeSessionAsync(Guid id, DateTimeOffset now, string reason, CancellationToken ct) =>
        await db
            .Sessions.Where(s => s.Id == id && s.RevokedAt == null)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason),
                ct
            ) == 1;

    public Task<OneTimeCode?> FindCodeByTokenHashAsync(
        string tokenHash,
        OneTimeCodePurpose purpose,
        CancellationToken ct
    ) => db.OneTimeCodes.FirstOrDefaultAsync(c => c.TokenHash == tokenHash && c.Purpose == purpose, ct);

    public async Task<IReadOnlyList<OneTimeCode>> ListCodesAsync(
        Guid userId,
        OneTimeCodePurpose purpose,
        DateTimeOffset since,
        CancellationToken ct
    ) =>
        await db
            .OneTimeCodes.Where(c => c.UserId == userId && c.Purpose == purpose && c.CreatedAt >= since)
            .OrderByDescending(c => c.CreatedAt)
            .ToListAsync(ct);

    public void AddCode(OneTimeCode code) => db.OneTimeCodes.Add(code);

    public Task SaveChangesAsync(CancellationToken ct) => EfSave.SaveAsync(db, ct);
}
