namespace StreamEngine.Domain.Webhooks;

/// <summary>A URL of one account's that hears about its videos: which events, and the secret deliveries are signed
/// with. After a rotation the previous secret keeps signing (as a second <c>v1</c>) until it expires, so receivers can
/// switch without losing a delivery.</summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2048;
    public const int MaxPerOwner = 10;

    private WebhookEndpoint() { }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Url { get; private set; } = string.Empty;

    /// <summary>The subscribed event types, comma-separated (see <see cref="WebhookEvents"/>).</summary>
    public string Events { get; private set; } = string.Empty;

    public string Secret { get; private set; } = string.Empty;

    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<string> EventTypes => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookEndpoint Create(
        Guid ownerId,
        string url,
        IEnumerable<string> events,
        string secret,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Url = url,
            Events = string.Join(',', events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            Secret = secret,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public bool Wants(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);

    public void Update(string? url, IEnumerable<string>? events, DateTimeOffset now)
    {
        Url = url ?? Url;
        if (events is not null)
        {
            Events = string.Join(',', events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        UpdatedAt = now;
    }

    /// <summary>A new secret; the current one stays valid (as a second signature) until
    /// <paramref name="overlapEnds"/>.</summary>
    public void Rotate(string secret, DateTimeOffset now, DateTimeOffset overlapEnds)
    {
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = overlapEnds;
        Secret = secret;
        UpdatedAt = now;
    }

    /// <summary>The secrets a delivery at <paramref name="now"/> is signed with: the current one, and the previous one
    /// while it overlaps.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];
}

/// <summary>The event types an endpoint may subscribe to.</summary>
public static class WebhookEvents
{
    public const string VideoCreated = "video.created";
    public const string VideoProcessing = "video.processing";
    public const string VideoPlayable = "video.playable";
    public const string VideoReady = "video.ready";
    public const string VideoFailed = "video.failed";
    public const string VideoDeleted = "video.deleted";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        [VideoCreated, VideoProcessing, VideoPlayable, VideoReady, VideoFailed, VideoDeleted],
        StringComparer.Ordinal
    );
}
