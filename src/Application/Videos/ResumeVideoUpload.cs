using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record ResumeVideoUploadRequest(Guid VideoId, long SizeBytes);

/// <summary>A tus creation for a video made by createVideoUpload(protocol: TUS): finds that video's open tus upload
/// (of the declared size) instead of making a new video.</summary>
public sealed class ResumeVideoUpload(
    IVideoStore videos,
    IUploadSessionStore uploads,
    IResumableUploadStorage storage,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<ResumableUpload>> Handle(ResumeVideoUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedVideo.FindAsync(videos, caller, request.VideoId, ct);
        if (!owned.Succeeded)
        {
            return owned.Errors[0].Code == VideoErrors.NotOwner.Code
                ? VideoErrors.NotFound
                : Result<ResumableUpload>.Failure(owned.Errors);
        }

        var sessions = await uploads.ListUploadsOfVideoAsync(request.VideoId, ct);
        var session = sessions
            .Where(s => s.Protocol == UploadProtocol.Tus)
            .OrderByDescending(s => s.CreatedAt)
            .FirstOrDefault();
        if (session is null)
        {
            return sessions.Count > 0 ? VideoErrors.WrongProtocol : VideoErrors.UploadNotFound;
        }

        return session.SizeBytes == request.SizeBytes
            ? await ResumableSession.StateAsync(session, storage, clock.UtcNow, ct)
            : VideoErrors.SizeMismatch(session.SizeBytes);
    }
}
