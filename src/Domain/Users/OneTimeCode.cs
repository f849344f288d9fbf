namespace StreamEngine.Domain.Users;

public enum OneTimeCodePurpose
{
    VerifyEmail = 1,
    ResetPassword = 2,
}

/// <summary>A single-use secret sent by e-mail: a long token for the link and a short code to type, both stored only
/// as hashes, expiring, and spent after a few wrong guesses.</summary>
public sealed class OneTimeCode
{
    private OneTimeCode() { }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public OneTimeCodePurpose Purpose { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public string CodeHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Attempts made with this code, counted before each is compared (so the right one counts too).</summary>
    public int FailedAttempts { get; private set; }

    public DateTimeOffset? ConsumedAt { get; private set; }

    public static OneTimeCode Issue(
        Guid userId,
        OneTimeCodePurpose purpose,
        string tokenHash,
        string codeHash,
        DateTimeOffset now,
        TimeSpan lifetime
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            TokenHash = tokenHash,
            CodeHash = codeHash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };

    public bool IsUsable(DateTimeOffset now, int maxAttempts) =>
        ConsumedAt is null && ExpiresAt > now && FailedAttempts < maxAttempts;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    public void RecordAttempt() => FailedAttempts++;

    public void Consume(DateTimeOffset now) => ConsumedAt ??= now;
}
