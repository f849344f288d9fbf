using System.Threading.Channels;
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
internal sealed class LocalTranscodeRunner(
    IServiceScopeFactory scopes,
    LocalDiskStorage storage,
    IOptions<PipelineOptions> options,
    OperationsMetrics metrics,
    ILogger<LocalTranscodeRunner> logger
) : ITranscodeJobRunner
{
    public async Task RunAsync(Guid videoId, CancellationToken ct)
    {
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

/// <summary>Progress of one job, applied in order by one consumer (so the database sees one writer per video) and
/// thinned to steps of at least 2 percent within a stage.</summary>
internal sealed class JobProgress : IProgress<TranscodeProgress>, IAsyncDisposable
{
    private readonly Channel<TranscodeProgress> _reports = Channel.CreateUnbounded<TranscodeProgress>(
        new UnboundedChannelOptions { SingleReader = true }
    );
    private readonly Task _consumer;

    public JobProgress(IServiceScopeFactory scopes, Guid videoId, ILogger logger) =>
        _consumer = Task.Run(
            async () =>
            {
                string? stage = null;
                var percent = -100.0;
                await foreach (var report in _reports.Reader.ReadAllAsync(CancellationToken.None))
                {
                    if (report.Stage == stage && report.Percent - percent < 2)
                    {
                        continue;
                    }

                    stage = report.Stage;
                    percent = report.Percent;
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope
                            .ServiceProvider.GetRequiredService<ReportTranscodeProgress>()
                            .Handle(
                                new TranscodeProgressReport(videoId, report.Stage, report.Percent, report.Rendition),
                                CancellationToken.None
                            );
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        logger.LogWarning(ex, "Progress of video {VideoId} could not be recorded", videoId);
                    }
                }
            },
            CancellationToken.None
        );

    public void Report(TranscodeProgress value) => _reports.Writer.TryWrite(value);

    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
        await _consumer;
    }
}
