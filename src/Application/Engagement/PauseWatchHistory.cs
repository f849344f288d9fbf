using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Engagement;

/// <summary>Stops (or resumes) recording the caller's viewings in their history.</summary>
public sealed class PauseWatchHistory(IUserStore users, ICurrentUser caller)
{
    public async Task<Result<User>> Handle(bool paused, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        user.PauseWatchHistory(paused);
        await users.SaveChangesAsync(ct);
        return user;
    }
}
