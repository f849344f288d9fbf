using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>What follows once every byte of an upload is stored, whichever protocol brought them
/// (completeVideoUpload or a tus upload's last byte): the session completes, the source is checked, the video moves
/// to PROCESSING and its pipeline starts (or to FAILED with a reason), and the change is published.</summary>
public sealed class UploadCompletion(
    IVideoStore videos,
    SourceAcceptance acceptance,
    ITranscodePipeline pipeline,
    IEventBus events,
    ILogger<UploadCompletion> logger
)
{
    /// <summary>The video as it now stands; when another completion of the same upload won, its outcome.</summary>
    public async Task<Result<Video>> CompleteAsync(
        UploadSession session,
        Video video,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(video);
        session.Complete(now);
        var reason = await acceptance.AcceptAsync(video, now, ct);
        try
        {
            await videos.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
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
