using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Videos;

/// <param name="ContentLength">The body's declared length, when the request has one.</param>
public sealed record AppendToUploadRequest(Guid UploadId, long Offset, Stream Body, long? ContentLength);

/// <summary>A tus PATCH: appends the body to the caller's upload if it stands at the given offset. Bytes that arrive
/// before a connection breaks are kept, so the client resumes from where the upload stands. With the last byte the
/// upload completes exactly as completeVideoUpload does; an append at the full length with an empty body completes an
/// upload whose completion was interrupted.</summary>
public sealed class AppendToUpload(
    IVideoStore videos,
    IUploadSessionStore uploads,
    IResumableUploadStorage storage,
    UploadCompletion completion,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<ResumableUpload>> Handle(AppendToUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await ResumableSession.FindAsync(uploads, caller, request.UploadId, ct);
        if (!found.Succeeded)
        {
            return Result<ResumableUpload>.Failure(found.Errors);
        }

        var session = found.Value;
        var state = await ResumableSession.StateAsync(session, storage, clock.UtcNow, ct);
        if (!state.Succeeded || state.Value.IsComplete)
        {
            return state.Succeeded && request.Offset != session.SizeBytes
                ? VideoErrors.OffsetMismatch(session.SizeBytes)
                : state;
        }

        var remaining = session.SizeBytes - request.Offset;
        if (request.Offset < 0 || remaining < 0)
        {
            return VideoErrors.OffsetMismatch(state.Value.Offset);
        }

        if (request.ContentLength > remaining)
        {
            return VideoErrors.LengthExceeded(session.SizeBytes);
        }

        AppendResult appended;
        try
        {
            var body = new BoundedUploadBody(request.Body, remaining);
            appended = await storage.AppendAsync(session, request.Offset, body, ct);
        }
        catch (UploadLengthExceededException)
        {
            return VideoErrors.LengthExceeded(session.SizeBytes);
        }

        switch (appended.Outcome)
        {
            case AppendOutcome.Locked:
                return VideoErrors.UploadBusy;
            case AppendOutcome.OffsetMismatch:
                return VideoErrors.OffsetMismatch(appended.Offset);
        }

        if (appended.Offset < session.SizeBytes)
        {
            return new ResumableUpload(session, appended.Offset);
        }

        if (await videos.FindVideoAsync(session.VideoId, ct) is not { } video)
        {
            return VideoErrors.NotFound;
        }

        await storage.FinishAsync(session, ct);
        var completed = await completion.CompleteAsync(session, video, clock.UtcNow, ct);
        return completed.Succeeded
            ? new ResumableUpload(session, session.SizeBytes)
            : Result<ResumableUpload>.Failure(completed.Errors);
    }
}
