namespace StreamEngine.Application.Users;

/// <summary>The <c>StreamEngine:Accounts</c> section: account rules.</summary>
public sealed class AccountOptions
{
    public const string Section = "StreamEngine:Accounts";

    /// <summary>Creating an upload needs a verified e-mail address.</summary>
    public bool RequireVerifiedEmailToUpload { get; set; }

    /// <summary>Password login needs a verified e-mail address (EMAIL_NOT_VERIFIED otherwise).</summary>
    public bool RequireVerifiedEmailToLogin { get; set; }

    public int MinPasswordLength { get; set; } = 10;

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan VerificationLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wrong codes accepted before a verification or reset code is spent.</summary>
    public int CodeMaxAttempts { get; set; } = 5;

    /// <summary>Least time between two e-mails of the same kind to one account.</summary>
    public TimeSpan CodeResendInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most e-mails of the same kind to one account per hour.</summary>
    public int CodesPerHour { get; set; } = 5;

    /// <summary>Wrong passwords in a row before the account refuses logins for <see cref="LoginLockout"/> (doubling
    /// with each further failure, up to a day).</summary>
    public int LoginFailuresBeforeLockout { get; set; } = 5;

    public TimeSpan LoginLockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed logins, verifications and resets per client address per <see
    /// cref="ClientFailureWindow"/>.</summary>
    public int ClientFailuresPerWindow { get; set; } = 20;

    public TimeSpan ClientFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a session found active is taken as active without reading it again (<see
    /// cref="Abstractions.ISessionCache"/>); zero reads it on every request. Ended sessions are forgotten at once
    /// wherever the session events reach; this bounds the wait where they do not (a Redis outage).</summary>
    public TimeSpan ActiveSessionCache { get; set; } = TimeSpan.FromSeconds(5);
}
