using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record UploadState(
    UploadSession Session,
    IReadOnlyList<ReceivedPart> ReceivedParts,
    IReadOnlyList<UploadPartTarget> Parts
);

/// <summary>An upload session as its owner sees it: which parts arrived (to resume) and fresh part URLs.</summary>
public sealed class GetUploadSession(
    IUploadSessionStore uploads,
    IObjectStorage storage,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<UploadState>> Handle(Guid uploadId, CancellationToken ct)
    {
        var owned = await OwnedUpload.FindAsync(uploads, caller, uploadId, ct);
        if (!owned.Succeeded)
        {
            return Result<UploadState>.Failure(owned.Errors);
        }

        var session = owned.Value;
        // A tus upload's parts are the server's business: its client asks the tus URL where it stands.
        var multipart = session.IsOpen(clock.UtcNow) && session.Protocol == UploadProtocol.Multipart;
        var received = multipart ? await storage.ListPartsAsync(session, ct) : [];
        return new UploadState(session, received, multipart ? storage.PartTargets(session) : []);
    }
}
