using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Infrastructure.Telemetry;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The local pipeline's job: the HLS ladder made here with ffmpeg, into the local media folder.</summary>
internal sealed partial class LocalTranscodeRunner(
    IServiceScopeFactory scopes,
    LocalDiskStorage storage,
    LocalWorkerSignal signal,
    IClock clock,
    IOptions<PipelineOptions> options,
    OperationsMetrics metrics,
    ILogger<LocalTranscodeRunner> logger
) : ITranscodeJobRunner
{
    public async Task<JobRunOutcome> RunAsync(JobTicket job, CancellationToken ct)
    {
        if (job.Part > 0)
        {
            await EncodePartAsync(job, ct);
            return JobRunOutcome.Done;
        }

        if (await RunChunkedAsync(job.VideoId, ct) is { } outcome)
        {
            return outcome;
        }

        var videoId = job.VideoId;
        var source = storage.RequireSource(videoId);
        storage.DeleteScratch(videoId);

        TranscodeResult result;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var progress = new JobProgress(scopes, videoId, logger))
        using (StreamEngineTracing.Source.StartActivity("encode"))
        {
            var settings = options.Value;
            var transcoder = new VideoTranscoder(settings.ToFfmpegOptions());
            result = settings.PlayableWhileEncoding
                ? await transcoder.TranscodeGrowingAsync(
                    source,
                    storage.MediaOf(videoId),
                    settings.EffectiveLadder,
                    progress,
                    playableCt => MarkPlayableAsync(videoId, playableCt),
                    ct
                )
                : await transcoder.TranscodeAsync(
                    source,
                    storage.MediaOf(videoId),
                    settings.EffectiveLadder,
                    progress,
                    ct
                );
        }

        metrics.Encoded(result.Source.DurationSeconds, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        await PublishAsync(videoId, result);
        return JobRunOutcome.Done;
    }

    /// <summary>Records the finished ladder: the video READY with its renditions (or, deleted meanwhile, its output
    /// removed).</summary>
    private async Task PublishAsync(Guid videoId, TranscodeResult result)
    {
        await using var scope = scopes.CreateAsyncScope();
        var renditions = result
            .Renditions.Select(r => new Rendition(
                r.Name,
                r.Width,
                r.Height,
                r.PeakBandwidth,
                r.AverageBandwidth,
                r.Codecs
            ))
            .ToList();
        var probed = result.Source;
        using var publish = StreamEngineTracing.Source.StartActivity("publish");
        await scope
            .ServiceProvider.GetRequiredService<MarkVideoReady>()
            .Handle(
                new TranscodedVideo(
                    videoId,
                    renditions,
                    probed.DurationSeconds,
                    probed.Width,
                    probed.Height,
                    PipelineStoryboard.Of(result.Storyboard)
                ),
                CancellationToken.None
            );
        if (
            await scope
                .ServiceProvider.GetRequiredService<IVideoStore>()
                .FindVideoAsync(videoId, CancellationToken.None)
            is null
        )
        {
            // Deleted while we worked: do not leave its output behind.
            await storage.DeleteMediaAsync(videoId, CancellationToken.None);
        }

        logger.LogInformation("Video {VideoId} is ready with {Count} renditions", videoId, renditions.Count);
    }

    /// <summary>Viewers may start watching: a failure to say so only delays playback until READY.</summary>
    private async Task MarkPlayableAsync(Guid videoId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MarkVideoPlayable>().Handle(videoId, ct);
            logger.LogInformation("Video {VideoId} is playable while it encodes", videoId);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            logger.LogWarning(ex, "Video {VideoId} could not be marked playable; it will play when ready", videoId);
        }
    }
}
