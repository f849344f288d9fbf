namespace StreamEngine.Domain.Videos;

/// <summary>A video whose file the server fetches from a URL (importVideo): waiting, or leased by a worker until
/// <see cref="LeasedUntil"/>. Removed once the file is in (or the fetch failed and the video says why).</summary>
public sealed class VideoImport
{
    public const int MaxUrlLength = 2048;
    public const int MaxPendingPerOwner = 3;

    private VideoImport() { }

    public Guid VideoId { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Url { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LeasedUntil { get; private set; }

    public static VideoImport For(Video video, string url, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new()
        {
            VideoId = video.Id,
            OwnerId = video.OwnerId,
            Url = url,
            CreatedAt = now,
        };
    }
}
