using StreamEngine.Domain.Videos;

namespace StreamEngine.Domain.Live;

public enum LiveStreamStatus
{
    /// <summary>Created; no broadcaster has connected yet.</summary>
    Idle = 0,

    /// <summary>A broadcaster's key was accepted; the ladder has no segment out yet.</summary>
    Connecting = 1,

    /// <summary>Segments are out: viewers can watch.</summary>
    Live = 2,

    /// <summary>The broadcaster dropped; the same stream continues if they return within the reconnect
    /// window.</summary>
    Reconnecting = 3,

    /// <summary>Over, for good (a new broadcast needs a new stream).</summary>
    Ended = 4,
}

/// <summary>One broadcast of one account: IDLE -> CONNECTING -> LIVE, RECONNECTING while the broadcaster is away, ENDED
/// at the end. The stream key is what a broadcaster (OBS, ffmpeg) proves it may publish with. With
/// <see cref="Record"/>, the broadcast becomes a video when it ends.</summary>
public sealed class LiveStream
{
    public const int MaxTitleLength = Video.MaxTitleLength;
    public const int MaxDescriptionLength = Video.MaxDescriptionLength;
    public const int KeyLength = 40;

    private LiveStream() { }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public Visibility Visibility { get; private set; }

    /// <summary>Whether the broadcast becomes a video when it ends.</summary>
    public bool Record { get; private set; }

    /// <summary>The secret a broadcaster publishes with; shown to the owner only.</summary>
    public string StreamKey { get; private set; } = string.Empty;

    public LiveStreamStatus Status { get; private set; }

    /// <summary>How many times a broadcaster has connected (the first connection and every return).</summary>
    public int Connections { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the first segments were out.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the broadcaster dropped, while RECONNECTING.</summary>
    public DateTimeOffset? DisconnectedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why it ended: null when its owner ended it.</summary>
    public string? EndReason { get; private set; }

    /// <summary>The video the recording becomes (created when the stream ends).</summary>
    public Guid? RecordingVideoId { get; private set; }

    /// <summary>The recording still has to be handed to its video.</summary>
    public bool RecordingPending { get; private set; }

    /// <summary>CONNECTING, LIVE or RECONNECTING: a broadcast is under way.</summary>
    public bool IsActive =>
        Status is LiveStreamStatus.Connecting or LiveStreamStatus.Live or LiveStreamStatus.Reconnecting;

    public static LiveStream Create(
        Guid ownerId,
        string title,
        string? description,
        Visibility visibility,
        bool record,
        string streamKey,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Title = title.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Visibility = visibility,
            Record = record,
            StreamKey = streamKey,
            Status = LiveStreamStatus.Idle,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>A broadcaster presents the key: true when it may publish now (IDLE, or back within the reconnect
    /// window); false while another broadcaster is connected or after the end.</summary>
    public bool BeginPublish(DateTimeOffset now)
    {
        if (Status is not (LiveStreamStatus.Idle or LiveStreamStatus.Reconnecting))
        {
            return false;
        }

        Status = LiveStreamStatus.Connecting;
        Connections++;
        DisconnectedAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>The ladder's first segments are out; false when the stream is not connecting any more.</summary>
    public bool MarkLive(DateTimeOffset now)
    {
        if (Status != LiveStreamStatus.Connecting)
        {
            return false;
        }

        Status = LiveStreamStatus.Live;
        StartedAt ??= now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>The broadcaster is gone; the stream waits for them (false when it was not connected).</summary>
    public bool MarkDisconnected(DateTimeOffset now)
    {
        if (Status is not (LiveStreamStatus.Connecting or LiveStreamStatus.Live))
        {
            return false;
        }

        Status = LiveStreamStatus.Reconnecting;
        DisconnectedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Ends the stream for good. A recorded stream that was ever live hands its recording to
    /// <paramref name="recordingVideoId"/>. False when it had ended already.</summary>
    public bool End(DateTimeOffset now, string? reason, Guid? recordingVideoId)
    {
        if (Status == LiveStreamStatus.Ended)
        {
            return false;
        }

        if (WillBeRecorded && recordingVideoId is { } video)
        {
            RecordingVideoId = video;
            RecordingPending = true;
        }

        Status = LiveStreamStatus.Ended;
        EndedAt = now;
        EndReason = reason;
        DisconnectedAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Whether ending now makes a video: recording asked for, and something was broadcast.</summary>
    public bool WillBeRecorded => Record && StartedAt is not null && Status != LiveStreamStatus.Ended;

    public void RecordingHandedOver(DateTimeOffset now)
    {
        RecordingPending = false;
        UpdatedAt = now;
    }

    public void RotateKey(string streamKey, DateTimeOffset now)
    {
        StreamKey = streamKey;
        UpdatedAt = now;
    }
}
