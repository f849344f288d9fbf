using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Mails the signed-in user a new verification link and code (throttled).</summary>
public sealed class RequestEmailVerification(IUserStore users, AccountMailer mailer, ICurrentUser caller)
{
    public async Task<Result<User>> Handle(CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (user.IsEmailVerified)
        {
            return AccountErrors.EmailAlreadyVerified;
        }

        return await mailer.SendAsync(user, OneTimeCodePurpose.VerifyEmail, ct) is { } error ? error : user;
    }
}
