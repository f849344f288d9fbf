using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of the user aggregate. Changes are tracked and written by <see cref="SaveChangesAsync"/> (the
/// scope's one unit of work); a unique-key conflict surfaces as <see cref="DuplicateKeyException"/>, a lost race on a
/// concurrency token as <see cref="ConcurrencyConflictException"/>.</summary>
public interface IUserStore
{
    Task<User?> FindUserAsync(Guid id, CancellationToken ct);

    Task<User?> FindUserByEmailAsync(EmailAddress email, CancellationToken ct);

    Task<User?> FindUserByGoogleSubjectAsync(string subject, CancellationToken ct);

    Task<User?> FindUserByHandleAsync(Handle handle, CancellationToken ct);

    Task<bool> HandleExistsAsync(Handle handle, CancellationToken ct);

    void AddUser(User user);

    Task SaveChangesAsync(CancellationToken ct);
}
