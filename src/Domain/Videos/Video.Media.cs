namespace StreamEngine.Domain.Videos;

/// <summary>What a READY video has besides its ladder: storyboard, captions, custom thumbnails, a download.</summary>
public sealed partial class Video
{
    /// <summary>Timeline previews, when the pipeline made them.</summary>
    public Storyboard? Storyboard { get; private set; }

    /// <summary>Caption tracks, one per language.</summary>
    public IReadOnlyList<Caption> Captions => CaptionItems;

    /// <summary>The poster in its sizes, largest first; empty while the pipeline's own poster is used.</summary>
    public IReadOnlyList<Thumbnail> Thumbnails => ThumbnailItems;

    /// <summary>Whether viewers may download the video as one MP4 file (the owner always may).</summary>
    public bool AllowDownloads { get; private set; }

    public DownloadState DownloadState { get; private set; }

    /// <summary>The ready download's file, relative to the video's media.</summary>
    public string? DownloadFile { get; private set; }

    public long? DownloadSizeBytes { get; private set; }

    /// <summary>Adds a caption track, or replaces the track of the same language; false when the video already has
    /// <see cref="MaxCaptions"/> other tracks. Returns the replaced track's key, if any, through
    /// <paramref name="replaced"/>.</summary>
    public bool PutCaption(Caption caption, DateTimeOffset now, out Caption? replaced)
    {
        ArgumentNullException.ThrowIfNull(caption);
        RequireStatus(VideoStatus.Ready);
        var index = CaptionItems.FindIndex(c =>
            string.Equals(c.Language, caption.Language, StringComparison.OrdinalIgnoreCase)
        );
        replaced = index >= 0 ? CaptionItems[index] : null;
        if (index < 0 && CaptionItems.Count >= MaxCaptions)
        {
            return false;
        }

        if (index >= 0)
        {
            CaptionItems[index] = caption;
        }
        else
        {
            CaptionItems.Add(caption);
        }

        UpdatedAt = now;
        return true;
    }

    /// <summary>Removes the track of a language; null when there is none.</summary>
    public Caption? RemoveCaption(string language, DateTimeOffset now)
    {
        var index = CaptionItems.FindIndex(c =>
            string.Equals(c.Language, language, StringComparison.OrdinalIgnoreCase)
        );
        if (index < 0)
        {
            return null;
        }

        var removed = CaptionItems[index];
        CaptionItems.RemoveAt(index);
        UpdatedAt = now;
        return removed;
    }

    /// <summary>A new poster in its sizes; returns the sizes it replaces (their files may go).</summary>
    public IReadOnlyList<Thumbnail> ReplaceThumbnails(IEnumerable<Thumbnail> thumbnails, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(thumbnails);
        RequireStatus(VideoStatus.Ready);
        var previous = ThumbnailItems.ToList();
        ThumbnailItems.Clear();
        ThumbnailItems.AddRange(thumbnails.OrderByDescending(t => t.Width * t.Height));
        UpdatedAt = now;
        return previous;
    }

    public void SetAllowDownloads(bool allow, DateTimeOffset now)
    {
        AllowDownloads = allow;
        UpdatedAt = now;
    }

    /// <summary>A download is being made; false when one is ready, or is being made and
    /// <paramref name="restart"/> is false (a restart takes over one whose maker was lost).</summary>
    public bool BeginDownload(DateTimeOffset now, bool restart = false)
    {
        RequireStatus(VideoStatus.Ready);
        if (DownloadState == DownloadState.Ready || (DownloadState == DownloadState.Preparing && !restart))
        {
            return false;
        }

        DownloadState = DownloadState.Preparing;
        DownloadFile = null;
        DownloadSizeBytes = null;
        UpdatedAt = now;
        return true;
    }

    public bool CompleteDownload(string file, long sizeBytes, DateTimeOffset now)
    {
        if (DownloadState != DownloadState.Preparing)
        {
            return false;
        }

        DownloadState = DownloadState.Ready;
        DownloadFile = file;
        DownloadSizeBytes = sizeBytes;
        UpdatedAt = now;
        return true;
    }

    public bool FailDownload(DateTimeOffset now)
    {
        if (DownloadState != DownloadState.Preparing)
        {
            return false;
        }

        DownloadState = DownloadState.Failed;
        UpdatedAt = now;
        return true;
    }
}
