using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record LoginRequest(string? Email, string? Password, string? Device, string ClientAddress);

/// <summary>Signs in with e-mail and password, starting a new session (one per device; others stay signed in).
/// Wrong passwords are limited per account (lockout with back-off) and per client address.</summary>
public sealed class LoginWithPassword(
    IUserStore users,
    IPasswordHasher hasher,
    PasswordAttempts passwords,
    SessionIssuer issuer,
    IAttemptLimiter limiter,
    IClock clock,
    IOptions<AccountOptions> options
)
{
    // Verifying against this when the account does not exist keeps the answer time the same either way.
    private static string? s_dummyHash;

    public async Task<Result<AuthResult>> Handle(LoginRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.UtcNow;

        // Counted before anything is checked; given back only when the password is right.
        var clientKey = "login:" + request.ClientAddress;
        if (!limiter.TryAcquire(clientKey, now))
        {
            return AccountErrors.TooManyAttempts;
        }

        if (
            !EmailAddress.TryParse(request.Email, out var email)
            || string.IsNullOrEmpty(request.Password)
            || request.Password.Length > PasswordPolicy.MaxLength
        )
        {
            return AccountErrors.InvalidCredentials;
        }

        var user = await users.FindUserByEmailAsync(email, ct);
        if (user is null || user.PasswordHash is null)
        {
            s_dummyHash ??= hasher.Hash(SecretTokens.NewToken());
            hasher.Verify(s_dummyHash, request.Password);
            return AccountErrors.InvalidCredentials;
        }

        var checkedPassword = await passwords.CheckAsync(
            user,
            request.Password,
            null,
            AccountErrors.InvalidCredentials,
            ct
        );
        if (!checkedPassword.Succeeded)
        {
            return Result<AuthResult>.Failure(checkedPassword.Errors);
        }

        if (options.Value.RequireVerifiedEmailToLogin && !user.IsEmailVerified)
        {
            await passwords.TrySaveAsync(ct);
            return AccountErrors.EmailNotVerified;
        }

        if (checkedPassword.Value == PasswordCheck.SuccessRehashNeeded)
        {
            user.ChangePassword(hasher.Hash(request.Password), user.PasswordChangedAt ?? now);
        }

        limiter.Release(clientKey);
        var session = issuer.Start(user, request.Device, out var refreshToken);
        if (!await passwords.TrySaveAsync(ct))
        {
            return PasswordAttempts.Busy;
        }

        return issuer.Result(user, session, refreshToken);
    }
}
