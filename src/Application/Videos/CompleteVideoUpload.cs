using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record CompleteVideoUploadRequest(Guid UploadId, IReadOnlyList<CompletedPart> Parts);

/// <summary>Assembles the parts, checks that the result is a video we accept (container, decodable stream, duration,
/// size), then moves the video to PROCESSING and starts the pipeline. Idempotent: completing again returns the video
/// and starts nothing new. A file we refuse leaves the video FAILED with a reason and its bytes removed.</summary>
public sealed class CompleteVideoUpload(
    IVideoStore videos,
    IUploadSessionStore uploads,
    IObjectStorage storage,
    UploadCompletion completion,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<Video>> Handle(CompleteVideoUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedUpload.FindAsync(uploads, caller, request.UploadId, ct);
        if (!owned.Succeeded)
        {
            return Result<Video>.Failure(owned.Errors);
        }

        var session = owned.Value;
        var video = await videos.FindVideoAsync(session.VideoId, ct);
        if (video is null)
        {
            return VideoErrors.NotFound;
        }

        if (session.CompletedAt is not null)
        {
            return video;
        }

        if (session.Protocol != UploadProtocol.Multipart)
        {
            return VideoErrors.WrongProtocol;
        }

        var now = clock.UtcNow;
        if (!session.IsOpen(now))
        {
            return VideoErrors.UploadExpired;
        }

        if (await storage.CompleteUploadAsync(session, request.Parts, ct) is { } partError)
        {
            return partError;
        }

        return await completion.CompleteAsync(session, video, now, ct);
    }
}

internal static class VideoEvents
{
    public static VideoEvent Of(Video video, DateTimeOffset now, string? rendition = null) =>
        new(
            video.Id,
            video.OwnerId,
            video.Status,
            video.ProgressStage,
            video.ProgressPercent,
            rendition,
            video.FailureReason,
            now
        )
        {
            Visibility = video.Visibility,
            Playable = video.IsPlayable,
        };
}
