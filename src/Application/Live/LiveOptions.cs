namespace StreamEngine.Application.Live;

/// <summary>The <c>StreamEngine:Live</c> section: whether broadcasting is on, and its limits.</summary>
public sealed class LiveOptions
{
    public const string Section = "StreamEngine:Live";

    /// <summary>Off by default: the ingest needs nginx with its RTMP module (scripts/run.sh turns it on when they are
    /// installed).</summary>
    public bool Enabled { get; set; }

    /// <summary>Streams under way at once per account.</summary>
    public int MaxActivePerUser { get; set; } = 1;

    /// <summary>Streams under way at once on this instance (each costs a ladder encode).</summary>
    public int MaxActivePerInstance { get; set; } = 3;

    /// <summary>Streams an account may hold that have not ended.</summary>
    public int MaxOpenPerUser { get; set; } = 10;

    /// <summary>How long a dropped broadcaster may take to return to the same stream.</summary>
    public TimeSpan ReconnectWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest broadcast; the stream ends at this length.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The highest incoming bit rate (video and audio) accepted, in kbit/s; a faster broadcaster is
    /// dropped.</summary>
    public int MaxBitrateKbps { get; set; } = 8000;

    internal bool IsValid =>
        MaxActivePerUser >= 1
        && MaxActivePerInstance >= 1
        && MaxOpenPerUser >= 1
        && ReconnectWindow >= TimeSpan.Zero
        && MaxDuration > TimeSpan.Zero
        && MaxBitrateKbps >= 100;
}
