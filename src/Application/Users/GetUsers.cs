using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Reads accounts for display. Who may see what of a user (e-mail only for oneself) is decided here.</summary>
public sealed class GetUsers(IAccountStore store, ICurrentUser caller)
{
    public async Task<User?> Me(CancellationToken ct) =>
        caller.UserId is { } id ? await store.FindUserAsync(id, ct) : null;

    public Task<User?> ById(Guid id, CancellationToken ct) => store.FindUserAsync(id, ct);

    public Task<User?> ByHandle(string handle, CancellationToken ct) =>
        Handle.TryParse(handle, out var parsed) ? store.FindUserByHandleAsync(parsed, ct) : Task.FromResult<User?>(null);

    /// <summary>A user's e-mail address is theirs alone to see.</summary>
    public bool MaySeeEmail(User user) => user is not null && caller.UserId == user.Id;
}
