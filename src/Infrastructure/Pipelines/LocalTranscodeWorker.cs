using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The local pipeline's worker: leases due jobs from the database (up to the configured concurrency),
/// transcodes them, renews the lease while working, retries transient failures with back-off, and gives its jobs back
/// when the process stops, so a restart resumes them. Videos left PROCESSING without a job get one.</summary>
internal sealed class LocalTranscodeWorker(
    IServiceScopeFactory scopes,
    LocalWorkerSignal signal,
    LocalDiskStorage storage,
    IClock clock,
    IOptions<PipelineOptions> options,
    ILogger<LocalTranscodeWorker> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private PipelineOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            try
            {
                if (clock.UtcNow >= nextSweep)
                {
                    await RequeueOrphansAsync(stoppingToken);
                    nextSweep = clock.UtcNow.AddSeconds(30);
                }

                while (running.Count < Settings.Concurrency && await TryLeaseAsync(stoppingToken) is { } job)
                {
                    running.Add(RunAsync(job.Id, job.VideoId, stoppingToken));
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The transcode worker could not poll for jobs; it tries again shortly");
            }

            try
            {
                await signal.WaitAsync(Settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
    }

    private async Task RequeueOrphansAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
        foreach (var videoId in await videos.ListProcessingVideosWithoutJobAsync(clock.UtcNow.AddMinutes(-1), 20, ct))
        {
            logger.LogWarning("Video {VideoId} was PROCESSING without a job; queueing one", videoId);
            videos.AddJob(TranscodeJob.Queue(videoId, clock.UtcNow));
        }

        try
        {
            await videos.SaveChangesAsync(ct);
        }
        catch (DuplicateKeyException)
        {
            // Another instance queued it.
        }
    }

    private async Task<TranscodeJob?> TryLeaseAsync(CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
            var now = clock.UtcNow;
            var jobs = await videos.ListAvailableJobsAsync(now, 1, ct);
            var job = jobs.Count > 0 ? jobs[0] : null;
            if (job is null)
            {
                return null;
            }

            job.Lease(_owner, now, Settings.LeaseDuration);
            try
            {
                await videos.SaveChangesAsync(ct);
                return job;
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker leased it first; look again.
            }
        }

        return null;
    }

    private async Task RunAsync(Guid jobId, Guid videoId, CancellationToken stoppingToken)
    {
        using var run = signal.Track(videoId, stoppingToken);
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(jobId, run, renewal.Token);
        try
        {
            logger.LogInformation("Transcoding video {VideoId} (job {JobId})", videoId, jobId);
            var source = storage.SourceOf(videoId);
            if (!File.Exists(source))
            {
                await FinishFailedAsync(jobId, videoId, "The uploaded file is missing; upload the video again.", transient: false);
                return;
            }

            var result = await TranscodeWithProgressAsync(videoId, source, run.Token);
            await using var scope = scopes.CreateAsyncScope();
            var outcomes = scope.ServiceProvider.GetRequiredService<TranscodeOutcomes>();
            var renditions = result.Renditions
                .Select(r => new Rendition(r.Name, r.Width, r.Height, r.PeakBandwidth, r.AverageBandwidth, r.Codecs)).ToList();
            await outcomes.ReadyAsync(videoId, renditions, result.Source.DurationSeconds, result.Source.Width, result.Source.Height, CancellationToken.None);
            var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
            if (await videos.FindVideoAsync(videoId, CancellationToken.None) is null)
            {
                // Deleted while we worked: do not leave its output behind.
                await storage.DeleteMediaAsync(videoId, CancellationToken.None);
            }

            if (await videos.FindJobOfVideoAsync(videoId, CancellationToken.None) is { } job)
            {
                job.Succeed(clock.UtcNow);
                await videos.SaveChangesAsync(CancellationToken.None);
            }

            logger.LogInformation("Video {VideoId} is ready with {Count} renditions", videoId, renditions.Count);
        }
        catch (MediaRejectedException ex)
        {
            await FinishFailedAsync(jobId, videoId, ex.Message, transient: false);
        }
        catch (TranscodeFailedException ex)
        {
            await FinishFailedAsync(jobId, videoId, ex.Message, ex.Transient);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(jobId);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("Transcoding of video {VideoId} stopped: the video was deleted or the lease was lost", videoId);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Transcoding of video {VideoId} failed unexpectedly", videoId);
            await FinishFailedAsync(jobId, videoId, "An unexpected error interrupted transcoding.", transient: true);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            signal.Untrack(videoId);
        }
    }

    private async Task<TranscodeResult> TranscodeWithProgressAsync(Guid videoId, string source, CancellationToken ct)
    {
        // Progress is applied in order by one consumer, so the database sees one writer per video.
        var reports = Channel.CreateUnbounded<TranscodeProgress>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = Task.Run(async () =>
        {
            string? stage = null;
            var percent = -100.0;
            await foreach (var report in reports.Reader.ReadAllAsync(CancellationToken.None))
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
                    await scope.ServiceProvider.GetRequiredService<TranscodeOutcomes>()
                        .ProgressAsync(videoId, report.Stage, report.Percent, report.Rendition, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    logger.LogWarning(ex, "Progress of video {VideoId} could not be recorded", videoId);
                }
            }
        }, CancellationToken.None);

        try
        {
            var progress = new ChannelProgress(reports.Writer);
            return await new VideoTranscoder(Settings.ToFfmpegOptions())
                .TranscodeAsync(source, storage.MediaOf(videoId), Settings.EffectiveLadder, progress, ct);
        }
        finally
        {
            reports.Writer.TryComplete();
            await consumer;
        }
    }

    private async Task RenewLeaseAsync(Guid jobId, CancellationTokenSource run, CancellationToken stop)
    {
        var interval = Settings.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, stop);
                await using var scope = scopes.CreateAsyncScope();
                var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
                var job = await FindJobAsync(videos, jobId);
                if (job is null || !job.RenewLease(_owner, clock.UtcNow, Settings.LeaseDuration))
                {
                    await run.CancelAsync();
                    return;
                }

                await videos.SaveChangesAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ConcurrencyConflictException)
        {
            await run.CancelAsync();
        }
    }

    private async Task FinishFailedAsync(Guid jobId, Guid videoId, string reason, bool transient)
    {
        await using var scope = scopes.CreateAsyncScope();
        var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
        var job = await FindJobAsync(videos, jobId);
        if (job is null)
        {
            return;
        }

        var final = job.Fail(reason, transient, Settings.MaxAttempts, Settings.RetryBackoff, clock.UtcNow);
        await videos.SaveChangesAsync(CancellationToken.None);
        if (final)
        {
            logger.LogWarning("Video {VideoId} failed: {Reason}", videoId, reason);
            await scope.ServiceProvider.GetRequiredService<TranscodeOutcomes>().FailedAsync(videoId, reason, CancellationToken.None);
        }
        else
        {
            logger.LogWarning("Video {VideoId}: transient failure, retrying after back-off: {Reason}", videoId, reason);
            signal.Wake();
        }
    }

    private async Task ReleaseAsync(Guid jobId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
        if (await FindJobAsync(videos, jobId) is { } job)
        {
            job.Release(_owner, clock.UtcNow);
            await videos.SaveChangesAsync(CancellationToken.None);
        }
    }

    private static async Task<TranscodeJob?> FindJobAsync(IVideoStore videos, Guid jobId)
    {
        var jobs = await videos.ListJobsAsync([jobId], CancellationToken.None);
        return jobs.Count > 0 ? jobs[0] : null;
    }

    private sealed class ChannelProgress(ChannelWriter<TranscodeProgress> writer) : IProgress<TranscodeProgress>
    {
        public void Report(TranscodeProgress value) => writer.TryWrite(value);
    }
}
