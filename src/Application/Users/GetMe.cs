using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>The signed-in user's account; null when nobody is signed in.</summary>
public sealed class GetMe(IUserStore users, ICurrentUser caller)
{
    public async Task<User?> Handle(CancellationToken ct) =>
        caller.UserId is { } id ? await users.FindUserAsync(id, ct) : null;
}
