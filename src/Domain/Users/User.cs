namespace StreamEngine.Domain.Users;

/// <summary>An account: the owner of channels, videos and everything else a person creates.</summary>
public sealed class User
{
    public const int MaxDisplayNameLength = 80;
    public const int MaxBioLength = 1000;

    private User() { }

    public Guid Id { get; private set; }

    public string Email { get; private set; } = string.Empty;

    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    public string Handle { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    public string? Bio { get; private set; }

    /// <summary>Null for accounts that only ever signed in with Google.</summary>
    public string? PasswordHash { get; private set; }

    public string? GoogleSubject { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PasswordChangedAt { get; private set; }

    public int FailedLoginCount { get; private set; }

    public DateTimeOffset? LoginLockedUntil { get; private set; }

    public bool IsEmailVerified => EmailVerifiedAt is not null;

    /// <summary>Subscribers; kept by the store in the same transaction as the subscriptions.</summary>
    public long SubscriberCount { get; private set; }

    /// <summary>While paused, viewings are not added to the watch history.</summary>
    public bool WatchHistoryPaused { get; private set; }

    /// <summary>Version of the channel's avatar image (null: none); part of its file name, so a new one is a new
    /// URL.</summary>
    public long? AvatarVersion { get; private set; }

    /// <summary>Version of the channel's banner image (null: none).</summary>
    public long? BannerVersion { get; private set; }

    public void PauseWatchHistory(bool paused) => WatchHistoryPaused = paused;

    public void SetChannelImage(ChannelImageKind kind, long? version)
    {
        if (kind == ChannelImageKind.Avatar)
        {
            AvatarVersion = version;
        }
        else
        {
            BannerVersion = version;
        }
    }

    public static User Register(
        EmailAddress email,
        Handle handle,
        string displayName,
        string passwordHash,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Value,
            Handle = handle.Value,
            DisplayName = displayName.Trim(),
            PasswordHash = passwordHash,
            CreatedAt = now,
            PasswordChangedAt = now,
        };

    /// <summary>An account created by Google sign-in: Google vouched for the address, so it starts verified.</summary>
    public static User FromGoogle(
        EmailAddress email,
        Handle handle,
        string displayName,
        string googleSubject,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Value,
            Handle = handle.Value,
            DisplayName = displayName.Trim(),
            GoogleSubject = googleSubject,
            EmailVerifiedAt = now,
            CreatedAt = now,
        };

    public void MarkEmailVerified(DateTimeOffset now) => EmailVerifiedAt ??= now;

    public void LinkGoogle(string googleSubject)
    {
        if (GoogleSubject is not null && GoogleSubject != googleSubject)
        {
            throw new InvalidOperationException("The account is linked to another Google identity.");
        }

        GoogleSubject = googleSubject;
    }

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        FailedLoginCount = 0;
        LoginLockedUntil = null;
    }

    public void UpdateProfile(string? displayName, string? bio)
    {
        if (displayName is not null)
        {
            DisplayName = displayName.Trim();
        }

        if (bio is not null)
        {
            Bio = bio.Length == 0 ? null : bio;
        }
    }

    public void ChangeHandle(Handle handle) => Handle = handle.Value;

    public bool IsLoginLocked(DateTimeOffset now) => LoginLockedUntil is { } until && until > now;

    /// <summary>Counts a wrong password; after <paramref name="threshold"/> in a row the account refuses logins for
    /// <paramref name="lockout"/>, doubling for every further failure up to a day.</summary>
    public void RecordFailedLogin(DateTimeOffset now, int threshold, TimeSpan lockout)
    {
        FailedLoginCount++;
        if (FailedLoginCount >= threshold)
        {
            var exponent = Math.Min(FailedLoginCount - threshold, 20);
            var wait = TimeSpan.FromTicks(Math.Min(lockout.Ticks * (1L << exponent), TimeSpan.FromDays(1).Ticks));
            LoginLockedUntil = now + wait;
        }
    }

    public void RecordSuccessfulLogin()
    {
        FailedLoginCount = 0;
        LoginLockedUntil = null;
    }
}

/// <summary>The two images of a channel, each re-encoded to one fixed size.</summary>
public enum ChannelImageKind
{
    /// <summary>Square, 256 x 256.</summary>
    Avatar,

    /// <summary>Wide, 2048 x 512.</summary>
    Banner,
}
