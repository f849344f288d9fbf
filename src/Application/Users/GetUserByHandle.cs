using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>A user (a channel) by handle; null for a handle that is not valid or not taken.</summary>
public sealed class GetUserByHandle(IUserStore users)
{
    public Task<User?> Handle(string handle, CancellationToken ct) =>
        Domain.Users.Handle.TryParse(handle, out var parsed)
            ? users.FindUserByHandleAsync(parsed, ct)
            : Task.FromResult<User?>(null);
}
