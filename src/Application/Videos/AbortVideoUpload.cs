using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Videos;

/// <summary>Abandons an upload: every received byte is removed and the video that awaited it is deleted.</summary>
public sealed class AbortVideoUpload(
    IVideoStore videos,
    IUploadSessionStore uploads,
    IObjectStorage storage,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<bool>> Handle(Guid uploadId, CancellationToken ct)
    {
        var owned = await OwnedUpload.FindAsync(uploads, caller, uploadId, ct);
        if (!owned.Succeeded)
        {
            return Result<bool>.Failure(owned.Errors);
        }

        var session = owned.Value;
        if (session.CompletedAt is not null)
        {
            return new Error(
                "UPLOAD_COMPLETED",
                "This upload is complete; delete the video instead.",
                Kind: ErrorKind.Conflict
            );
        }

        await UploadCleanup.DiscardAsync(session, videos, storage, clock.UtcNow, ct);
        await videos.SaveChangesAsync(ct);
        return true;
    }
}
