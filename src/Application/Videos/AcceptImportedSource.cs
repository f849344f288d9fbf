using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>What an import worker reports: the fetched file is the video's source now, or why it could not be
/// fetched. Either way the video moves on exactly as after completeVideoUpload (PROCESSING and the pipeline, or FAILED
/// with the reason). A video no longer waiting for its file is left as it is.</summary>
public sealed record ImportedSource(Guid VideoId, string? FetchFailure);

public sealed class AcceptImportedSource(
    IVideoStore videos,
    SourceAcceptance acceptance,
    ITranscodePipeline pipeline,
    IEventBus events,
    IClock clock
)
{
    public async Task<Result<Video>> Handle(ImportedSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (await videos.FindVideoAsync(source.VideoId, ct) is not { } video)
        {
            return VideoErrors.NotFound;
        }

        if (video.Status != VideoStatus.AwaitingUpload)
        {
            return video;
        }

        var now = clock.UtcNow;
        if (source.FetchFailure is { } failure)
        {
            video.MarkFailed(failure, now);
        }
        else
        {
            await acceptance.AcceptAsync(video, now, ct);
        }

        await videos.SaveChangesAsync(ct);
        if (video.Status == VideoStatus.Processing)
        {
            await pipeline.StartAsync(video.Id, ct);
        }

        await events.PublishAsync(VideoEvents.Of(video, now), ct);
        return video;
    }
}
