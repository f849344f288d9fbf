using Microsoft.Extensions.Logging;
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
    SourceAcceptance acceptance,
    ITranscodePipeline pipeline,
    IEventBus events,
    ICurrentUser caller,
    IClock clock,
    ILogger<CompleteVideoUpload> logger
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

        var now = clock.UtcNow;
        if (!session.IsOpen(now))
        {
            return VideoErrors.UploadExpired;
        }

        if (await storage.CompleteUploadAsync(session, request.Parts, ct) is { } partError)
        {
            return partError;
        }

        session.Complete(now);
        var reason = await acceptance.AcceptAsync(video, now, ct);
        try
        {
            await videos.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
            // Another completion of the same upload won; its outcome stands.
            return await videos.FindVideoAsync(session.VideoId, ct) is { } current ? current : VideoErrors.NotFound;
        }

        if (video.Status == VideoStatus.Processing)
        {
            await pipeline.StartAsync(video.Id, ct);
        }
        else
        {
            logger.LogInformation("Upload {UploadId} refused: {Reason}", session.Id, reason);
        }

        await events.PublishAsync(VideoEvents.Of(video, now), ct);
        return video;
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
        };
}
