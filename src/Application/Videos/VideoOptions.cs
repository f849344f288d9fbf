namespace StreamEngine.Application.Videos;

/// <summary>The <c>StreamEngine:Videos</c> section: what an upload may be.</summary>
public sealed class VideoOptions
{
    public const string Section = "StreamEngine:Videos";

    public long MaxUploadBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Parts are at least this big (S3 needs 5 MiB) and there are at most 10,000 of them.</summary>
    public long MinPartSizeBytes { get; set; } = 8L * 1024 * 1024;

    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the answer to "may strangers still watch this video?" is kept by the local media endpoint:
    /// a video made private stops playing for URLs handed to others within this time.</summary>
    public TimeSpan PublicPlaybackRecheck { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upload sessions one user may have open at once.</summary>
    public int MaxOpenUploadsPerUser { get; set; } = 10;

    /// <summary>Bytes one user's open upload sessions may reserve in all (their declared sizes).</summary>
    public long MaxReservedBytesPerUser { get; set; } = 50L * 1024 * 1024 * 1024;
}
