using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of videos, upload sessions and local transcode jobs.</summary>
public interface IVideoStore
{
    Task<Video?> FindVideoAsync(Guid id, CancellationToken ct);

    /// <summary>Reads a video found earlier again from the store (another writer may have changed it).</summary>
    Task ReloadAsync(Video video, CancellationToken ct);

    Task<IReadOnlyList<Video>> ListVideosOfOwnerAsync(Guid ownerId, CancellationToken ct);

    void AddVideo(Video video);

    void RemoveVideo(Video video);

    Task<UploadSession?> FindUploadAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<UploadSession>> ListUploadsOfVideoAsync(Guid videoId, CancellationToken ct);

    Task<IReadOnlyList<UploadSession>> ListExpiredOpenUploadsAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>How many upload sessions the owner has open, and the bytes they declared in all.</summary>
    Task<(int Count, long Bytes)> OpenUploadsOfOwnerAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct);

    void AddUpload(UploadSession session);

    void RemoveUpload(UploadSession session);

    Task<TranscodeJob?> FindJobOfVideoAsync(Guid videoId, CancellationToken ct);

    Task<IReadOnlyList<TranscodeJob>> ListJobsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlyList<TranscodeJob>> ListAvailableJobsAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>Videos PROCESSING since before <paramref name="before"/> with no job: a start that was lost.</summary>
    Task<IReadOnlyList<Guid>> ListProcessingVideosWithoutJobAsync(DateTimeOffset before, int max, CancellationToken ct);

    void AddJob(TranscodeJob job);

    void RemoveJob(TranscodeJob job);

    Task SaveChangesAsync(CancellationToken ct);
}

/// <summary>Where a client PUTs one part, with the headers it must send.</summary>
public sealed record UploadPartTarget(int PartNumber, Uri Url, IReadOnlyDictionary<string, string> Headers);

public sealed record ReceivedPart(int PartNumber, long SizeBytes, string ETag);

public sealed record CompletedPart(int PartNumber, string ETag);

/// <summary>Raw uploads and produced media: the local disk or S3. Part URLs take an HTTP PUT of the part's bytes and
/// answer with an ETag, exactly as S3's presigned multipart part URLs do.</summary>
public interface IObjectStorage
{
    /// <summary>Starts a multipart upload and returns the storage's id for it.</summary>
    Task<string> BeginUploadAsync(UploadSession session, CancellationToken ct);

    IReadOnlyList<UploadPartTarget> PartTargets(UploadSession session);

    Task<IReadOnlyList<ReceivedPart>> ListPartsAsync(UploadSession session, CancellationToken ct);

    /// <summary>Assembles the parts into the video's source; null on success, else why not (nothing is changed).</summary>
    Task<Common.Error?> CompleteUploadAsync(UploadSession session, IReadOnlyList<CompletedPart> parts, CancellationToken ct);

    /// <summary>Removes every byte of an unfinished upload.</summary>
    Task AbortUploadAsync(UploadSession session, CancellationToken ct);

    Task DeleteSourceAsync(Guid videoId, CancellationToken ct);

    Task DeleteMediaAsync(Guid videoId, CancellationToken ct);
}

/// <summary>What a source file turned out to be, or why it is refused.</summary>
public sealed record SourceInspection(bool Accepted, string? Reason, double DurationSeconds, int Width, int Height, long SizeBytes);

/// <summary>Checks an assembled source: a decodable video in an allowed container.</summary>
public interface IMediaInspector
{
    Task<SourceInspection> InspectSourceAsync(Guid videoId, CancellationToken ct);
}

/// <summary>Starts and stops transcoding (the local job queue, Step Functions or Cloudinary). Starting twice starts
/// one job.</summary>
public interface ITranscodePipeline
{
    Task StartAsync(Guid videoId, CancellationToken ct);

    Task CancelAsync(Guid videoId, CancellationToken ct);

    /// <summary>Removes what the pipeline keeps outside our storage for a deleted video (a hosted asset).</summary>
    Task DeleteOutputsAsync(Guid videoId, CancellationToken ct);
}

public sealed record SignedPlayback(Uri HlsUrl, Uri PosterUrl, DateTimeOffset ExpiresAt);

/// <summary>Who a playback URL is for: its owner (who may watch a private video), or anyone who may see the video
/// now, which a delivery that can check (the local one) re-checks while the URL is used.</summary>
public enum PlaybackAudience
{
    Public,
    Owner,
}

/// <summary>Signs expiring playback URLs that cover a video's whole folder (so playlists' relative URLs work).</summary>
public interface IPlaybackUrlSigner
{
    SignedPlayback Sign(Guid videoId, DateTimeOffset now, PlaybackAudience audience);
}

/// <summary>Something that happened to a video, as subscribers see it.</summary>
public sealed record VideoEvent(
    Guid VideoId,
    Guid OwnerId,
    VideoStatus Status,
    string? Stage,
    double Percent,
    string? Rendition,
    string? FailureReason,
    DateTimeOffset OccurredAt)
{
    /// <summary>The video's visibility when the event happened (null from publishers that do not know it).</summary>
    public Visibility? Visibility { get; init; }
}

/// <summary>Carries video events to subscribers: in process, or across instances through Redis.</summary>
public interface IEventBus
{
    ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct);

    /// <summary>Events of one video (<paramref name="videoId"/>) or of every video of one owner.</summary>
    /// <remarks>When the returned task completes, every event published afterwards reaches the handler.</remarks>
    ValueTask<IAsyncDisposable> SubscribeAsync(Guid? videoId, Guid? ownerId, Func<VideoEvent, ValueTask> handler);
}

/// <summary>This server's public base address (configured, or the current request's).</summary>
public interface IPublicUrls
{
    Uri BaseUrl { get; }
}

public enum MediaLookup
{
    Found,
    BadSignature,
    NotFound,
}

/// <summary>A media request's outcome; <see cref="Audience"/> says whom its URL was signed for.</summary>
public sealed record MediaFile(MediaLookup Result, string? PhysicalPath, PlaybackAudience Audience);

/// <summary>Serving produced media from this server (the local delivery adapter): checks the signed token that
/// covers the video's folder and finds the file.</summary>
public interface IMediaFiles
{
    MediaFile Resolve(Guid videoId, string token, string relativePath);
}

public enum PartReceipt
{
    Stored,
    BadSignature,
    Expired,
    UnknownUpload,
    WrongSize,

    /// <summary>The uploader holds as many unfinished uploads of this kind as allowed.</summary>
    QuotaExceeded,
}

/// <summary>Receives one part PUT to a signed part URL of the local storage adapter, streaming it to disk.</summary>
public interface IUploadPartReceiver
{
    Task<(PartReceipt Result, string? ETag)> ReceiveAsync(
        Guid uploadId, int partNumber, IReadOnlyDictionary<string, string> query, long? contentLength, Stream body, CancellationToken ct);
}

/// <summary>Reads what a remote pipeline produced for a video (its measured renditions).</summary>
public interface IPipelineOutputs
{
    Task<IReadOnlyList<Rendition>> ReadRenditionsAsync(Guid videoId, CancellationToken ct);
}

public enum NotificationOutcome
{
    /// <summary>Verified and applied (or already applied: notifications may come twice).</summary>
    Applied,

    /// <summary>Verified, but not about one of our videos' transcoding.</summary>
    Ignored,

    /// <summary>No timestamp, or one outside the tolerance.</summary>
    Stale,

    /// <summary>The signature does not match.</summary>
    Forged,

    /// <summary>Verified but unreadable.</summary>
    Malformed,
}

/// <summary>A hosted pipeline's signed notifications (Cloudinary's webhook): verified, then applied to the video.</summary>
public interface IPipelineNotifications
{
    Task<NotificationOutcome> HandleAsync(string body, Func<string, string?> header, CancellationToken ct);
}
