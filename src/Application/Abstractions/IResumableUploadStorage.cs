using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

public enum AppendOutcome
{
    /// <summary>The bytes were appended (all of the body, or what arrived before it broke).</summary>
    Appended,

    /// <summary>The upload does not stand at the offset the client gave; nothing was written.</summary>
    OffsetMismatch,

    /// <summary>Another request is appending to the same upload; nothing was written.</summary>
    Locked,
}

/// <summary>Where a resumable upload stands after an append.</summary>
public sealed record AppendResult(AppendOutcome Outcome, long Offset);

/// <summary>The bytes of a resumable (tus) upload, appended in order: a file on the local disk; on S3 the session's
/// multipart upload, one part per <see cref="UploadSession.PartSizeBytes"/>, the unfinished tail kept beside it.
/// Bytes are durable once counted in an offset.</summary>
public interface IResumableUploadStorage
{
    /// <summary>How many bytes are stored.</summary>
    Task<long> OffsetAsync(UploadSession session, CancellationToken ct);

    /// <summary>Appends the body if the upload stands at <paramref name="expectedOffset"/>. When reading the body
    /// fails, the bytes read before are kept and the failure is rethrown.</summary>
    Task<AppendResult> AppendAsync(UploadSession session, long expectedOffset, Stream body, CancellationToken ct);

    /// <summary>Makes the complete upload the video's source (idempotent).</summary>
    Task FinishAsync(UploadSession session, CancellationToken ct);
}
