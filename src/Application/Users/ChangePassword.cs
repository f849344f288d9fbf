using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Changes the signed-in user's password and ends every other session.</summary>
public sealed class ChangePassword(
    IUserStore users,
    ISessionStore sessions,
    IPasswordHasher hasher,
    PasswordAttempts passwords,
    PasswordPolicy policy,
    ISessionEvents sessionEvents,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<User>> Handle(ChangePasswordRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        var wrong = AccountErrors.InvalidCredentials with { Message = "The current password is wrong." };
        var checkedPassword = await passwords.CheckAsync(user, request.CurrentPassword, "currentPassword", wrong, ct);
        if (!checkedPassword.Succeeded)
        {
            return Result<User>.Failure(checkedPassword.Errors);
        }

        if (policy.Check(request.NewPassword, user.Email, user.Handle, "newPassword") is { } weak)
        {
            // The right current password gives its attempt back.
            await passwords.TrySaveAsync(ct);
            return weak;
        }

        var now = clock.UtcNow;
        user.ChangePassword(hasher.Hash(request.NewPassword!), now);
        var others = new List<Guid>();
        foreach (var session in await sessions.ListActiveSessionsAsync(user.Id, now, ct))
        {
            if (session.Id != caller.SessionId)
            {
                session.Revoke(now, "password-changed");
                others.Add(session.Id);
            }
        }

        if (!await passwords.TrySaveAsync(ct))
        {
            return PasswordAttempts.Busy;
        }

        await sessionEvents.PublishAsync(new SessionsEnded(user.Id, others), ct);
        return user;
    }
}
