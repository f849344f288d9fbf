using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>The one "signed in?" check: runs a use case's work for the signed-in caller's id, or answers
/// NOT_AUTHENTICATED without running it.</summary>
public sealed class RequireUser(ICurrentUser caller)
{
    public Task<Result<T>> Run<T>(Func<Guid, Task<Result<T>>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return caller.UserId is { } userId ? work(userId) : Task.FromResult<Result<T>>(AccountErrors.NotAuthenticated);
    }
}
