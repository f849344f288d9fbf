using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Videos;

/// <summary>A tus HEAD: how many bytes of the caller's upload are stored, to resume from there.</summary>
public sealed class GetUploadOffset(
    IUploadSessionStore uploads,
    IResumableUploadStorage storage,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<ResumableUpload>> Handle(Guid uploadId, CancellationToken ct)
    {
        var found = await ResumableSession.FindAsync(uploads, caller, uploadId, ct);
        return found.Succeeded
            ? await ResumableSession.StateAsync(found.Value, storage, clock.UtcNow, ct)
            : Result<ResumableUpload>.Failure(found.Errors);
    }
}
