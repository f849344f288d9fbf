using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

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

    /// <summary>Assembles the parts into the video's source; null on success, else why not (nothing is
    /// changed).</summary>
    Task<Common.Error?> CompleteUploadAsync(
        UploadSession session,
        IReadOnlyList<CompletedPart> parts,
        CancellationToken ct
    );

    /// <summary>Removes every byte of an unfinished upload.</summary>
    Task AbortUploadAsync(UploadSession session, CancellationToken ct);

    Task DeleteSourceAsync(Guid videoId, CancellationToken ct);

    /// <summary>Makes a local file (fetched by an import) the video's source; the file is moved or removed.</summary>
    Task StoreSourceAsync(Guid videoId, string file, CancellationToken ct);

    Task DeleteMediaAsync(Guid videoId, CancellationToken ct);
}
