namespace StreamEngine.Domain.Users;

/// <summary>One signed-in device. Its refresh token names the session and carries a secret that rotates at every
/// use; presenting the session's name with any other secret (an old, rotated one, or a guess) means the token was
/// copied, so the whole session is revoked.</summary>
public sealed class Session
{
    private Session() { }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>SHA-256 of the refresh token currently valid for this session; the token itself is never
    /// stored.</summary>
    public string CurrentTokenHash { get; private set; } = string.Empty;

    /// <summary>Hashes of this session's earlier refresh tokens, newest first, at most <see cref="RetiredTokensKept"/>,
    /// comma-separated. A token found here was really issued and then rotated: presenting it again is a
    /// replay.</summary>
    public string RetiredTokenHashes { get; private set; } = string.Empty;

    public const int RetiredTokensKept = 16;

    public string? Device { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedReason { get; private set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public static Session Start(Guid userId, string tokenHash, string? device, DateTimeOffset now, TimeSpan lifetime) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CurrentTokenHash = tokenHash,
            Device = device is { Length: > 200 } ? device[..200] : device,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + lifetime,
        };

    public void Rotate(string newTokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (RevokedAt is not null)
        {
            throw new InvalidOperationException("A revoked session cannot be refreshed.");
        }

        if (CurrentTokenHash.Length > 0 && CurrentTokenHash != "pending")
        {
            RetiredTokenHashes = string.Join(
                ',',
                new[] { CurrentTokenHash }
                    .Concat(RetiredTokenHashes.Split(',', StringSplitOptions.RemoveEmptyEntries))
                    .Take(RetiredTokensKept)
            );
        }

        CurrentTokenHash = newTokenHash;
        LastUsedAt = now;
        ExpiresAt = now + lifetime;
    }

    /// <summary>True when <paramref name="tokenHash"/> is one of this session's rotated tokens: a copy being replayed,
    /// as opposed to a guess, which must not end a session it only names.</summary>
    public bool WasRotatedAway(string tokenHash) =>
        RetiredTokenHashes
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Contains(tokenHash, StringComparer.Ordinal);

    public void Revoke(DateTimeOffset now, string reason)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevokedReason = reason;
        }
    }
}
