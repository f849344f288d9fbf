namespace StreamEngine.Domain.Videos;

/// <summary>How a client sends an upload's bytes.</summary>
public enum UploadProtocol
{
    /// <summary>Parts PUT to signed URLs (S3's multipart contract), then completeVideoUpload.</summary>
    Multipart,

    /// <summary>tus 1.0: PATCHes appended in order at <c>/uploads/tus/{upload}</c>; complete on the last
    /// byte.</summary>
    Tus,
}

/// <summary>An upload of one video's source file: how it is cut into parts (a tus upload is stored in the same parts),
/// until when it is open.</summary>
public sealed class UploadSession
{
    private UploadSession() { }

    public Guid Id { get; private set; }

    public Guid VideoId { get; private set; }

    public Guid OwnerId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    public long PartSizeBytes { get; private set; }

    public UploadProtocol Protocol { get; private set; }

    public int PartCount { get; private set; }

    /// <summary>The storage adapter's own id for the upload (S3's UploadId); ours for local disk.</summary>
    public string? StorageUploadId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? AbortedAt { get; private set; }

    /// <summary>Bumped by every state change; two completions racing cannot both win.</summary>
    public int Version { get; private set; }

    public bool IsOpen(DateTimeOffset now) => CompletedAt is null && AbortedAt is null && ExpiresAt > now;

    public static UploadSession Start(
        Video video,
        string fileName,
        string contentType,
        long sizeBytes,
        long partSizeBytes,
        DateTimeOffset now,
        TimeSpan lifetime,
        UploadProtocol protocol = UploadProtocol.Multipart
    )
    {
        ArgumentNullException.ThrowIfNull(video);
        if (sizeBytes <= 0 || partSizeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), "Sizes must be positive.");
        }

        return new UploadSession
        {
            Id = Guid.CreateVersion7(now),
            VideoId = video.Id,
            OwnerId = video.OwnerId,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = sizeBytes,
            PartSizeBytes = partSizeBytes,
            Protocol = protocol,
            PartCount = (int)((sizeBytes + partSizeBytes - 1) / partSizeBytes),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

    /// <summary>The exact size part <paramref name="partNumber"/> (1-based) must have.</summary>
    public long PartSize(int partNumber) =>
        partNumber < 1 || partNumber > PartCount ? throw new ArgumentOutOfRangeException(nameof(partNumber))
        : partNumber < PartCount ? PartSizeBytes
        : SizeBytes - (PartSizeBytes * (PartCount - 1));

    public void AttachStorageUpload(string storageUploadId) => StorageUploadId = storageUploadId;

    public void Complete(DateTimeOffset now)
    {
        CompletedAt ??= now;
        Version++;
    }

    public void Abort(DateTimeOffset now)
    {
        AbortedAt ??= now;
        Version++;
    }
}
