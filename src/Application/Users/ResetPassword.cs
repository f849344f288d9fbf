using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record ResetPasswordRequest(
    string? Token,
    string? Email,
    string? NewPassword,
    string? Device,
    string ClientAddress
);

/// <summary>Sets a new password with a reset link or code, ends every session, and signs in on this device.</summary>
public sealed class ResetPassword(
    IUserStore users,
    ISessionStore sessions,
    IPasswordHasher hasher,
    PasswordPolicy policy,
    OneTimeCodeRedeemer redeemer,
    SessionIssuer issuer,
    ISessionEvents sessionEvents,
    IClock clock
)
{
    public async Task<Result<AuthResult>> Handle(ResetPasswordRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        EmailAddress? email = null;
        if (request.Email is not null && !EmailAddress.TryParse(request.Email, out email))
        {
            return AccountErrors.InvalidEmail;
        }

        // The policy is checked first so a weak choice does not spend the code.
        if (policy.Check(request.NewPassword, email?.Value, null, "newPassword") is { } weak)
        {
            return weak;
        }

        var redeemed = await redeemer.RedeemAsync(
            request.Token,
            OneTimeCodePurpose.ResetPassword,
            email,
            null,
            request.ClientAddress,
            ct
        );
        if (!redeemed.Succeeded)
        {
            return Result<AuthResult>.Failure(redeemed.Errors);
        }

        var user = redeemed.Value;
        if (policy.Check(request.NewPassword, user.Email, user.Handle, "newPassword") is { } personal)
        {
            return personal;
        }

        var now = clock.UtcNow;
        user.ChangePassword(hasher.Hash(request.NewPassword!), now);
        user.MarkEmailVerified(now);
        var ended = new List<Guid>();
        foreach (var old in await sessions.ListActiveSessionsAsync(user.Id, now, ct))
        {
            old.Revoke(now, "password-reset");
            ended.Add(old.Id);
        }

        var session = issuer.Start(user, request.Device, out var refreshToken);
        await users.SaveChangesAsync(ct);
        await sessionEvents.PublishAsync(new SessionsEnded(user.Id, ended), ct);
        return issuer.Result(user, session, refreshToken);
    }
}
