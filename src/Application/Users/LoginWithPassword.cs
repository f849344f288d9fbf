using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record LoginRequest(string? Email, string? Password, string? Device, string ClientAddress);

/// <summary>Signs in with e-mail and password, starting a new session (one per device; others stay signed in).
/// Wrong passwords are limited per account (lockout with back-off) and per client address.</summary>
public sealed class LoginWithPassword(
    IAccountStore store,
    IPasswordHasher hasher,
    SessionIssuer sessions,
    IAttemptLimiter limiter,
    IClock clock,
    IOptions<AccountOptions> options)
{
    // Verifying against this when the account does not exist keeps the answer time the same either way.
    private static string? s_dummyHash;

    public async Task<Result<AuthResult>> Handle(LoginRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.UtcNow;
        var clientKey = "login:" + request.ClientAddress;
        if (limiter.IsBlocked(clientKey, now))
        {
            return AccountErrors.TooManyAttempts;
        }

        if (!EmailAddress.TryParse(request.Email, out var email) || string.IsNullOrEmpty(request.Password)
            || request.Password.Length > PasswordPolicy.MaxLength)
        {
            limiter.RecordFailure(clientKey, now);
            return AccountErrors.InvalidCredentials;
        }

        var user = await store.FindUserByEmailAsync(email, ct);
        if (user is null || user.PasswordHash is null)
        {
            s_dummyHash ??= hasher.Hash(SecretTokens.NewToken());
            hasher.Verify(s_dummyHash, request.Password);
            limiter.RecordFailure(clientKey, now);
            return AccountErrors.InvalidCredentials;
        }

        if (user.IsLoginLocked(now))
        {
            return AccountErrors.TooManyAttemptsFor(user.LoginLockedUntil!.Value - now);
        }

        var check = hasher.Verify(user.PasswordHash, request.Password);
        if (check == PasswordCheck.Failed)
        {
            user.RecordFailedLogin(now, options.Value.LoginFailuresBeforeLockout, options.Value.LoginLockout);
            limiter.RecordFailure(clientKey, now);
            await store.SaveChangesAsync(ct);
            return AccountErrors.InvalidCredentials;
        }

        if (options.Value.RequireVerifiedEmailToLogin && !user.IsEmailVerified)
        {
            return AccountErrors.EmailNotVerified;
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            user.ChangePassword(hasher.Hash(request.Password), user.PasswordChangedAt ?? now);
        }

        user.RecordSuccessfulLogin();
        var session = sessions.Start(user, request.Device, out var refreshToken);
        await store.SaveChangesAsync(ct);
        return sessions.Result(user, session, refreshToken);
    }
}
