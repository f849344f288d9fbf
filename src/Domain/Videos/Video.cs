namespace StreamEngine.Domain.Videos;

public enum VideoStatus
{
    AwaitingUpload = 0,
    Processing = 1,
    Ready = 2,
    Failed = 3,
}

public enum Visibility
{
    Public = 0,
    Unlisted = 1,
    Private = 2,
}

/// <summary>One rendition of the HLS ladder, with figures measured from the encoded output.</summary>
public sealed record Rendition(
    string Name,
    int Width,
    int Height,
    long Bandwidth,
    long AverageBandwidth,
    string Codecs
);

/// <summary>A video and its lifecycle: AWAITING_UPLOAD -> PROCESSING -> READY or FAILED. The aggregate refuses
/// transitions that make no sense (a READY video is not uploaded again).</summary>
public sealed partial class Video
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 5000;

    /// <summary>Caption tracks a video may have.</summary>
    public const int MaxCaptions = 20;

    // Null only when read from a row stored before its column held anything: such a list reads as empty.
    private List<Rendition>? _renditions = [];
    private List<Caption>? _captions = [];
    private List<Thumbnail>? _thumbnails = [];

    private List<Rendition> RenditionItems => _renditions ??= [];

    private List<Caption> CaptionItems => _captions ??= [];

    private List<Thumbnail> ThumbnailItems => _thumbnails ??= [];

    private Video() { }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public Visibility Visibility { get; private set; }

    public VideoStatus Status { get; private set; }

    public string? FailureReason { get; private set; }

    public string? ProgressStage { get; private set; }

    public double ProgressPercent { get; private set; }

    /// <summary>While PROCESSING: the first segments of every rendition exist, so the video plays from its start while
    /// the rest is encoded (its playlists grow until READY).</summary>
    public bool PlayableWhileProcessing { get; private set; }

    public double? DurationSeconds { get; private set; }

    public int? Width { get; private set; }

    public int? Height { get; private set; }

    public long? SizeBytes { get; private set; }

    public IReadOnlyList<Rendition> Renditions => RenditionItems;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Counted views; kept by the store with atomic increments, never by loading and saving.</summary>
    public long ViewCount { get; private set; }

    /// <summary>Likes; kept by the store in the same transaction as the likes.</summary>
    public long LikeCount { get; private set; }

    /// <summary>Comments and replies; kept by the store in the same transaction as the comments.</summary>
    public long CommentCount { get; private set; }

    /// <summary>Which videos show in lists for <paramref name="viewer"/>: READY and PUBLIC ones, and their own. An
    /// expression, so that stores filter with the one rule (anonymous viewers get the plain public filter).</summary>
    public static System.Linq.Expressions.Expression<Func<Video, bool>> ListedFor(Guid? viewer) =>
        viewer is null
            ? v => v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public
            : v => (v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public) || v.OwnerId == viewer;

    public bool IsReady => Status == VideoStatus.Ready;

    /// <summary>READY, or PROCESSING with its first segments out.</summary>
    public bool IsPlayable => IsReady || (Status == VideoStatus.Processing && PlayableWhileProcessing);

    public static Video Create(Guid ownerId, string title, string? description, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Title = title.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Visibility = Visibility.Public,
            Status = VideoStatus.AwaitingUpload,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public void Edit(string? title, string? description, Visibility? visibility, DateTimeOffset now)
    {
        if (title is not null)
        {
            Title = title.Trim();
        }

        if (description is not null)
        {
            Description = description.Length == 0 ? null : description.Trim();
        }

        if (visibility is { } v)
        {
            Visibility = v;
        }

        UpdatedAt = now;
    }

    /// <summary>The upload is complete and valid: transcoding begins.</summary>
    public void MarkUploaded(long sizeBytes, double durationSeconds, int width, int height, DateTimeOffset now)
    {
        RequireStatus(VideoStatus.AwaitingUpload);
        SizeBytes = sizeBytes;
        DurationSeconds = durationSeconds;
        Width = width;
        Height = height;
        Status = VideoStatus.Processing;
        ProgressStage = "QUEUED";
        ProgressPercent = 0;
        UpdatedAt = now;
    }

    /// <summary>Progress only moves forward within a stage, so late or duplicated reports change nothing.</summary>
    public bool ReportProgress(string stage, double percent, DateTimeOffset now)
    {
        if (Status != VideoStatus.Processing || (stage == ProgressStage && percent <= ProgressPercent))
        {
            return false;
        }

        ProgressStage = stage;
        ProgressPercent = Math.Clamp(percent, 0, 100);
        UpdatedAt = now;
        return true;
    }

    /// <summary>The encode has published the first segments of every rendition; false when the video is not
    /// PROCESSING or was already playable (a late or repeated report changes nothing).</summary>
    public bool MarkPlayable(DateTimeOffset now)
    {
        if (Status != VideoStatus.Processing || PlayableWhileProcessing)
        {
            return false;
        }

        PlayableWhileProcessing = true;
        UpdatedAt = now;
        return true;
    }

    public void MarkReady(
        IEnumerable<Rendition> renditions,
        double durationSeconds,
        int width,
        int height,
        DateTimeOffset now,
        Storyboard? storyboard = null
    )
    {
        ArgumentNullException.ThrowIfNull(renditions);
        RequireStatus(VideoStatus.Processing);
        RenditionItems.Clear();
        RenditionItems.AddRange(renditions);
        Storyboard = storyboard;
        DurationSeconds = durationSeconds;
        Width = width;
        Height = height;
        Status = VideoStatus.Ready;
        PlayableWhileProcessing = false;
        ProgressStage = "DONE";
        ProgressPercent = 100;
        FailureReason = null;
        PublishedAt ??= now;
        UpdatedAt = now;
    }

    /// <summary>Failing twice keeps the first reason; a READY video does not fail.</summary>
    public bool MarkFailed(string reason, DateTimeOffset now)
    {
        if (Status is VideoStatus.Ready or VideoStatus.Failed)
        {
            return false;
        }

        Status = VideoStatus.Failed;
        PlayableWhileProcessing = false;
        FailureReason = reason;
        UpdatedAt = now;
        return true;
    }

    private void RequireStatus(VideoStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"The video is {Status}, not {expected}.");
        }
    }
}
