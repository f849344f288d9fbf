using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Changes the signed-in user's password and ends every other session.</summary>
public sealed class ChangePassword(
    IAccountStore store,
    IPasswordHasher hasher,
    PasswordAttempts passwords,
    PasswordPolicy policy,
    ISessionEvents sessionEvents,
    ICurrentUser caller,
    IClock clock)
{
    public async Task<Result<User>> Handle(ChangePasswordRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (caller.UserId is not { } userId || await store.FindUserAsync(userId, ct) is not { } user)
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
        foreach (var session in await store.ListActiveSessionsAsync(user.Id, now, ct))
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

/// <summary>Mails a reset link and code when an account has this address. Answers the same, in the same time, whether
/// or not it does: the look-up and the mail happen off the request path (<see cref="IPasswordResetRequests"/>), so
/// neither the answer nor its timing tells who has an account.</summary>
public sealed class RequestPasswordReset(IPasswordResetRequests requests)
{
    public Task<Result<bool>> Handle(string? emailInput, CancellationToken ct)
    {
        if (!EmailAddress.TryParse(emailInput, out var email))
        {
            return Task.FromResult<Result<bool>>(AccountErrors.InvalidEmail);
        }

        requests.Enqueue(email);
        return Task.FromResult<Result<bool>>(true);
    }
}

/// <summary>What runs later for a queued reset request: finds the account and mails it (throttled per account).</summary>
public sealed class SendPasswordResetMail(IAccountStore store, AccountMailer mailer)
{
    public async Task Handle(EmailAddress email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await store.FindUserByEmailAsync(email, ct) is { } user)
        {
            // A throttled request sends nothing; nobody is told either way.
            await mailer.SendAsync(user, OneTimeCodePurpose.ResetPassword, ct);
        }
    }
}

public sealed record ResetPasswordRequest(string? Token, string? Email, string? NewPassword, string? Device, string ClientAddress);

/// <summary>Sets a new password with a reset link or code, ends every session, and signs in on this device.</summary>
public sealed class ResetPassword(
    IAccountStore store,
    IPasswordHasher hasher,
    PasswordPolicy policy,
    OneTimeCodeRedeemer redeemer,
    SessionIssuer sessions,
    ISessionEvents sessionEvents,
    IClock clock)
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

        var redeemed = await redeemer.RedeemAsync(request.Token, OneTimeCodePurpose.ResetPassword, email, null, request.ClientAddress, ct);
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
        foreach (var old in await store.ListActiveSessionsAsync(user.Id, now, ct))
        {
            old.Revoke(now, "password-reset");
            ended.Add(old.Id);
        }

        var session = sessions.Start(user, request.Device, out var refreshToken);
        await store.SaveChangesAsync(ct);
        await sessionEvents.PublishAsync(new SessionsEnded(user.Id, ended), ct);
        return sessions.Result(user, session, refreshToken);
    }
}
