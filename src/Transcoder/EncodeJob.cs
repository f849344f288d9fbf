namespace StreamEngine.Transcoder;

/// <summary>What a whole ladder came to: the variants as the master playlist lists them, and the storyboard.</summary>
public sealed record LadderOutputs(IReadOnlyList<RenditionOutput> Variants, StoryboardLayout? Storyboard);

/// <summary>What one ffmpeg run makes: video renditions, the shared audio rendition, the storyboard sprite.</summary>
public sealed record EncodeJob(IReadOnlyList<PlannedRendition> Video, bool Audio, StoryboardLayout? Storyboard)
{
    /// <summary>Playlists written as EVENT playlists that grow, every file under a temporary name until complete, for
    /// viewers who watch while it runs (<see cref="GrowingLadder"/>).</summary>
    public bool Growing { get; init; }

    /// <summary>Only this stretch of the source (<see cref="ChunkedLadder"/>), its segments numbered from where it
    /// starts.</summary>
    public ChunkPlan? Chunk { get; init; }

    /// <summary>Everything a source needs: its renditions, its audio once, and a storyboard when it has
    /// pictures.</summary>
    public static EncodeJob Everything(ProbeResult probe, IReadOnlyList<PlannedRendition> video)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new EncodeJob(
            video,
            probe.HasAudio,
            probe.HasVideo ? StoryboardLayout.For(probe.DurationSeconds, probe.Width, probe.Height) : null
        );
    }

    /// <summary>The output folders the run writes into.</summary>
    public IEnumerable<string> Folders =>
        Video
            .Select(v => v.Name)
            .Concat(Audio ? [RenditionLadder.AudioName] : [])
            .Concat(Storyboard is null ? [] : [StoryboardLayout.Folder]);
}

/// <summary>A transcode that failed; transient failures (timeouts, I/O) are worth a retry, others are not.</summary>
public sealed class TranscodeFailedException : Exception
{
    public TranscodeFailedException(string message, bool transient)
        : base(message)
    {
        Transient = transient;
    }

    public TranscodeFailedException()
        : this("The transcode failed.", false) { }

    public TranscodeFailedException(string message)
        : this(message, false) { }

    public TranscodeFailedException(string message, Exception inner)
        : base(message, inner) { }

    public bool Transient { get; }

    /// <summary>The output could not be written: the disk is full. Retried when space returns, without using up the
    /// job's attempts.</summary>
    public bool StorageFull { get; private init; }

    public static TranscodeFailedException OutOfSpace() =>
        new("The server's storage is full; the encode is retried when space returns.", transient: true)
        {
            StorageFull = true,
        };

    /// <summary>Whether the file system of <paramref name="folder"/> has (almost) no room left: ffmpeg's words for a
    /// full disk differ with where the write failed (a segment, a playlist's temporary file, a rename), so a failed
    /// encode on a full disk is known by the disk as well.</summary>
    public static bool NoRoomAt(string folder)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace < 1024 * 1024;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether ffmpeg's last words say the disk is full.</summary>
    public static bool SaysOutOfSpace(string errorTail) =>
        errorTail?.Contains("No space left on device", StringComparison.Ordinal) == true;
}
