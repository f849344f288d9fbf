using System.ComponentModel.DataAnnotations;

namespace StreamEngine.Infrastructure.Webhooks;

/// <summary><c>StreamEngine:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "StreamEngine:Webhooks";

    /// <summary>Whether this instance sends deliveries (events are written to the outbox either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Development only: allow http and loopback or private targets for webhooks and imports.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long a failing delivery is retried before it is marked failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first retry's delay; each next one doubles (with jitter), up to an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long delivered and failed deliveries stay in the log.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in flight on this instance.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Deliveries in flight to one endpoint, so a slow one takes no more than its share.</summary>
    [Range(1, 16)]
    public int PerEndpointConcurrency { get; set; } = 2;
}
