using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>A user (a channel) by id, for display; what of it the caller may see is <see cref="UserAccess"/>'s to
/// say.</summary>
public sealed class GetUser(IUserStore users)
{
    public Task<User?> Handle(Guid id, CancellationToken ct) => users.FindUserAsync(id, ct);
}
