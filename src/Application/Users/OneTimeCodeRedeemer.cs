using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Redeems what an e-mail carried: the link's token (alone) or the six-digit code (with the account it was
/// sent to). Wrong codes count against the code and against the client address.</summary>
public sealed class OneTimeCodeRedeemer(
    IUserStore users,
    IOneTimeCodeStore codes,
    IAttemptLimiter limiter,
    IClock clock,
    IOptions<AccountOptions> options
)
{
    public async Task<Result<User>> RedeemAsync(
        string? secret,
        OneTimeCodePurpose purpose,
        EmailAddress? email,
        Guid? signedInUserId,
        string clientAddress,
        CancellationToken ct
    )
    {
        var now = clock.UtcNow;

        // Counted before the guess is looked at, given back when it was right or not a guess at all.
        var limiterKey = "code:" + clientAddress;
        if (!limiter.TryAcquire(limiterKey, now))
        {
            return AccountErrors.TooManyAttempts;
        }

        var value = secret?.Trim() ?? string.Empty;
        var result =
            value.Length == 6 && value.All(char.IsAsciiDigit)
                ? await RedeemCodeAsync(value, purpose, email, signedInUserId, now, ct)
                : await RedeemTokenAsync(value, purpose, now, ct);
        if (result.Succeeded || result.Errors[0].Code is not "TOKEN_INVALID")
        {
            limiter.Release(limiterKey);
        }

        return result;
    }

    private async Task<Result<User>> RedeemTokenAsync(
        string token,
        OneTimeCodePurpose purpose,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (token.Length is < 20 or > 128)
        {
            return AccountErrors.TokenInvalid.WithField("token");
        }

        var code = await codes.FindCodeByTokenHashAsync(SecretTokens.Hash(token), purpose, ct);
        if (code is null || code.ConsumedAt is not null || code.FailedAttempts >= options.Value.CodeMaxAttempts)
        {
            return AccountErrors.TokenInvalid.WithField("token");
        }

        if (code.IsExpired(now))
        {
            return AccountErrors.TokenExpired.WithField("token");
        }

        var user = await users.FindUserAsync(code.UserId, ct);
        if (user is null)
        {
            return AccountErrors.TokenInvalid.WithField("token");
        }

        // Two requests racing with one link: the count is the lock, so only one of them consumes it.
        if (!await ReserveAttemptAsync(code, ct))
        {
            return PasswordAttempts.Busy with { Field = "token" };
        }

        code.Consume(now);
        return user;
    }

    private async Task<Result<User>> RedeemCodeAsync(
        string value,
        OneTimeCodePurpose purpose,
        EmailAddress? email,
        Guid? signedInUserId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var user =
            email is not null ? await users.FindUserByEmailAsync(email, ct)
            : signedInUserId is { } id ? await users.FindUserAsync(id, ct)
            : null;
        if (user is null)
        {
            return email is null && signedInUserId is null
                ? new Error(
                    "TOKEN_INVALID",
                    "A six-digit code needs the e-mail address it was sent to, or a signed-in account.",
                    "email"
                )
                : AccountErrors.TokenInvalid.WithField("token");
        }

        // Look back twice the lifetime so a recently expired code says so instead of looking unknown.
        var recent = await codes.ListCodesAsync(user.Id, purpose, now - (2 * MaxLifetime()), ct);
        var latest = recent.FirstOrDefault(c => c.ConsumedAt is null);
        if (latest is null)
        {
            return AccountErrors.TokenInvalid.WithField("token");
        }

        if (latest.IsExpired(now))
        {
            return AccountErrors.TokenExpired.WithField("token");
        }

        if (latest.FailedAttempts >= options.Value.CodeMaxAttempts)
        {
            return AccountErrors.TooManyAttempts with
            {
                Message = "Too many wrong codes; ask for a new one.",
                Field = "token",
            };
        }

        // The attempt is counted and saved before the comparison: a burst of guesses conflicts on the count, and at
        // most CodeMaxAttempts of them are ever compared.
        if (!await ReserveAttemptAsync(latest, ct))
        {
            return PasswordAttempts.Busy with { Field = "token" };
        }

        if (!SecretTokens.HashesEqual(latest.CodeHash, SecretTokens.HashCode(user.Id, value)))
        {
            return AccountErrors.TokenInvalid.WithField("token");
        }

        latest.Consume(now);
        return user;
    }

    private async Task<bool> ReserveAttemptAsync(OneTimeCode code, CancellationToken ct)
    {
        code.RecordAttempt();
        try
        {
            await users.SaveChangesAsync(ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private TimeSpan MaxLifetime() =>
        options.Value.VerificationLifetime > options.Value.PasswordResetLifetime
            ? options.Value.VerificationLifetime
            : options.Value.PasswordResetLifetime;
}
