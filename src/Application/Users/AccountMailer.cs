using System.Net;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Issues one-time codes and mails them, throttled per account: one per resend interval, a few per hour.
/// A new code supersedes the previous ones of the same purpose.</summary>
public sealed class AccountMailer(
    IOneTimeCodeStore codes,
    IEmailSender email,
    ILinkBuilder links,
    IClock clock,
    IOptions<AccountOptions> options
)
{
    public async Task<Error?> SendAsync(User user, OneTimeCodePurpose purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.UtcNow;
        var settings = options.Value;
        var recent = await codes.ListCodesAsync(user.Id, purpose, now.AddHours(-1), ct);
        if (recent.Count > 0 && recent[0].CreatedAt + settings.CodeResendInterval > now)
        {
            return AccountErrors.TooManyAttemptsFor(recent[0].CreatedAt + settings.CodeResendInterval - now);
        }

        if (recent.Count >= settings.CodesPerHour)
        {
            return AccountErrors.TooManyAttemptsFor(recent[^1].CreatedAt.AddHours(1) - now);
        }

        foreach (var previous in recent)
        {
            previous.Consume(now);
        }

        var token = SecretTokens.NewToken();
        var code = SecretTokens.NewCode();
        var lifetime =
            purpose == OneTimeCodePurpose.VerifyEmail ? settings.VerificationLifetime : settings.PasswordResetLifetime;
        codes.AddCode(
            OneTimeCode.Issue(
                user.Id,
                purpose,
                SecretTokens.Hash(token),
                SecretTokens.HashCode(user.Id, code),
                now,
                lifetime
            )
        );
        await codes.SaveChangesAsync(ct);

        await email.SendAsync(Compose(user, purpose, token, code, lifetime), ct);
        return null;
    }

    private EmailMessage Compose(User user, OneTimeCodePurpose purpose, string token, string code, TimeSpan lifetime)
    {
        var verify = purpose == OneTimeCodePurpose.VerifyEmail;
        var link = verify ? links.VerifyEmail(token) : links.ResetPassword(token);
        var action = verify ? "verify your e-mail address" : "choose a new password";
        var expiry =
            lifetime.TotalHours >= 1 ? $"{lifetime.TotalHours:0} hour(s)" : $"{lifetime.TotalMinutes:0} minutes";
        // The code stays out of the subject: subjects end up in logs, notifications and mail-server traces.
        var subject = verify ? "Verify your StreamEngine e-mail address" : "Reset your StreamEngine password";
        var text = $"""
            Hello {user.DisplayName},

            To {action}, open this link:
            {link}

            or enter this code: {code}

            The link and the code expire in {expiry} and work once. If you did not ask for this, ignore this message.
            """;
        var name = WebUtility.HtmlEncode(user.DisplayName);
        var html = $"""
            <p>Hello {name},</p>
            <p>To {action}, <a href="{WebUtility.HtmlEncode(
                link.ToString()
            )}">open this link</a> or enter this code:</p>
            <p style="font-size:24px;font-weight:bold;letter-spacing:4px">{code}</p>
            <p>The link and the code expire in {expiry} and work once.
            If you did not ask for this, ignore this message.</p>
            """;
        return new EmailMessage(user.Email, subject, text, html);
    }
}
