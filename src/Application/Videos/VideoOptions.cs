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
}
