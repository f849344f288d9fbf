using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Checks an account's password the one safe way, for every use case that asks for it (login, password
/// change, account deletion): refused while the account is locked; the attempt counted and saved before the slow
/// hash runs, so racing attempts conflict on the count instead of all being tried; forgiven when right.</summary>
public sealed class PasswordAttempts(
    IUserStore users,
    IPasswordHasher hasher,
    IClock clock,
    IOptions<AccountOptions> options
)
{
    public static readonly Error Busy = AccountErrors.TooManyAttempts with
    {
        Message = "Another attempt for this account is in progress; try again in a moment.",
    };

    /// <summary>The check's outcome, or why the password was not accepted (the error names
    /// <paramref name="field"/>). On success the account's count is reset in memory; the caller saves it with its own
    /// changes.</summary>
    public async Task<Result<PasswordCheck>> CheckAsync(
        User user,
        string? password,
        string? field,
        Error wrong,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(wrong);
        if (user.PasswordHash is not { } hash)
        {
            return AccountErrors.NoPassword;
        }

        var now = clock.UtcNow;
        if (user.IsLoginLocked(now))
        {
            return AccountErrors.TooManyAttemptsFor(user.LoginLockedUntil!.Value - now);
        }

        user.RecordFailedLogin(now, options.Value.LoginFailuresBeforeLockout, options.Value.LoginLockout);
        try
        {
            await users.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
            return Busy;
        }

        if (string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaxLength)
        {
            return field is null ? wrong : wrong.WithField(field);
        }

        var check = hasher.Verify(hash, password);
        if (check == PasswordCheck.Failed)
        {
            return field is null ? wrong : wrong.WithField(field);
        }

        user.RecordSuccessfulLogin();
        return check;
    }

    /// <summary>Saves the caller's changes with the account's count; false when another attempt on the account moved
    /// the count meanwhile (the caller answers <see cref="Busy"/>).</summary>
    internal async Task<bool> TrySaveAsync(CancellationToken ct)
    {
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
}
