using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>What runs later for a queued reset request: finds the account and mails it (throttled per
/// account).</summary>
public sealed class SendPasswordResetMail(IUserStore users, AccountMailer mailer)
{
    public async Task Handle(EmailAddress email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await users.FindUserByEmailAsync(email, ct) is { } user)
        {
            // A throttled request sends nothing; nobody is told either way.
            await mailer.SendAsync(user, OneTimeCodePurpose.ResetPassword, ct);
        }
    }
}
