using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Infrastructure.Telemetry;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Does one leased job: transcodes here (<see cref="LocalTranscodeRunner"/>) or hands the source to a hosted
/// service (<see cref="Cloudinary.CloudinaryUploadRunner"/>). Throws <see cref="MediaRejectedException"/> or
/// <see cref="TranscodeFailedException"/> to fail the job; returning marks it done.</summary>
internal interface ITranscodeJobRunner
{
    Task<JobRunOutcome> RunAsync(JobTicket job, CancellationToken ct);
}

/// <summary>A leased job as a runner sees it: part 0 is the video's own job, from 1 a part of it.</summary>
internal readonly record struct JobTicket(Guid JobId, Guid VideoId, int Part);

internal enum JobRunOutcome
{
    /// <summary>The job's work is done.</summary>
    Done,

    /// <summary>The video's job queued parts (or found them unfinished) and waits for them.</summary>
    AwaitingParts,
}

/// <summary>The job worker of the local and Cloudinary pipelines: leases due jobs from the database (up to the
/// configured concurrency), runs them, renews the lease while working, retries transient failures with back-off, and
/// gives its jobs back when the process stops, so a restart resumes them. Videos left PROCESSING without a job get
/// one.</summary>
internal sealed partial class TranscodeJobWorker(
    IServiceScopeFactory scopes,
    LocalWorkerSignal signal,
    ITranscodeJobRunner runner,
    IClock clock,
    IOptions<PipelineOptions> options,
    IOptions<Configuration.StreamEngineOptions> instance,
    OperationsMetrics metrics,
    ILogger<TranscodeJobWorker> logger
) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private PipelineOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var nextSweep = DateTimeOffset.MinValue;
        var pause = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            try
            {
                if (pause != TimeSpan.Zero && await DatabaseAnswersAsync(stoppingToken))
                {
                    logger.LogInformation("The database is back; the transcode worker resumes");
                    pause = TimeSpan.Zero;
                }

                if (clock.UtcNow >= nextSweep)
                {
                    await RequeueOrphansAsync(stoppingToken);
                    await ResumeWaitingAsync(stoppingToken);
                    nextSweep = clock.UtcNow.AddSeconds(30);
                }

                await BeatIfDueAsync(running.Count, stoppingToken);

                while (running.Count < Settings.Concurrency && await TryLeaseAsync(stoppingToken) is { } leased)
                {
                    var job = new JobTicket(leased.Job.Id, leased.Job.VideoId, leased.Job.Part);
                    running.Add(RunAsync(job, leased.TraceParent, stoppingToken));
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && DatabaseUnavailable.Is(ex))
            {
                // Paused: nothing can be leased or finished; look again less and less often (at most every 30 s).
                pause =
                    pause == TimeSpan.Zero
                        ? Settings.PollInterval
                        : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                if (pause == Settings.PollInterval)
                {
                    logger.LogWarning("The database is unavailable; the transcode worker pauses until it returns");
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The transcode worker could not poll for jobs; it tries again shortly");
            }

            try
            {
                await signal.WaitAsync(pause > Settings.PollInterval ? pause : Settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
        await EndBeatsAsync();
    }

    private async Task RequeueOrphansAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
        foreach (var videoId in await queue.ListProcessingVideosWithoutJobAsync(clock.UtcNow.AddMinutes(-1), 20, ct))
        {
            logger.LogWarning("Video {VideoId} was PROCESSING without a job; queueing one", videoId);
            queue.AddJob(TranscodeJob.Queue(videoId, clock.UtcNow));
        }

        try
        {
            await queue.SaveChangesAsync(ct);
        }
        catch (DuplicateKeyException)
        {
            // Another instance queued it.
        }
    }

    /// <summary>A due job leased by this worker, with the trace it was queued in; null when none is due.</summary>
    private async Task<(TranscodeJob Job, string? TraceParent)?> TryLeaseAsync(CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
            var now = clock.UtcNow;
            var jobs = await queue.ListAvailableJobsAsync(now, 1, ct);
            var job = jobs.Count > 0 ? jobs[0] : null;
            if (job is null)
            {
                return null;
            }

            var dueSince = job.State == TranscodeJobState.Queued ? job.NotBefore : job.LeaseExpiresAt ?? now;
            job.Lease(_owner, now, Settings.LeaseDuration);
            try
            {
                await queue.SaveChangesAsync(ct);
                metrics.JobStarted(now - dueSince);
                return (job, queue.TraceParentOf(job));
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker leased it first; look again.
            }
        }

        return null;
    }

    private async Task RunAsync(JobTicket job, string? traceParent, CancellationToken stoppingToken)
    {
        var (jobId, videoId) = (job.JobId, job.VideoId);
        using var span = StreamEngineTracing.StartContinuing("transcode job", traceParent, ActivityKind.Consumer);
        span?.SetTag("streamengine.video.id", videoId).SetTag("streamengine.job.id", jobId);
        using var run = signal.Track(jobId, videoId, stoppingToken);
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(jobId, run, renewal.Token);
        var outcome = "released";
        try
        {
            logger.LogInformation("Running job {JobId} (part {Part}) of video {VideoId}", jobId, job.Part, videoId);
            var done = await runner.RunAsync(job, run.Token);
            outcome = await RecordDoneAsync(job, done);
        }
        catch (Exception ex)
            when (ex is TranscodeFailedException { StorageFull: true }
                || (DiskFull.Is(ex) && !run.IsCancellationRequested)
            )
        {
            await PostponeAsync(jobId, videoId);
            outcome = "postponed";
        }
        catch (MediaRejectedException ex)
        {
            outcome = await FinishFailedAsync(job, ex.Message, transient: false);
        }
        catch (TranscodeFailedException ex)
        {
            outcome = await FinishFailedAsync(job, ex.Message, ex.Transient);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(jobId);
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            // Its result cannot be recorded: the job is taken again (by any worker) when its lease lapses.
            logger.LogWarning("Video {VideoId}: the database is unavailable; its job runs again later", videoId);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation(
                "Transcoding of video {VideoId} stopped: the video was deleted or the lease was lost",
                videoId
            );
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Transcoding of video {VideoId} failed unexpectedly", videoId);
            outcome = await FinishFailedAsync(job, "An unexpected error interrupted transcoding.", transient: true);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            signal.Untrack(jobId);
            metrics.JobFinished(outcome);
            span?.SetTag("streamengine.job.outcome", outcome);
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
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
                    var job = await FindJobAsync(queue, jobId);
                    if (job is null || !job.RenewLease(_owner, clock.UtcNow, Settings.LeaseDuration))
                    {
                        await run.CancelAsync();
                        return;
                    }

                    await queue.SaveChangesAsync(stop);
                }
                catch (Exception ex) when (DatabaseUnavailable.Is(ex))
                {
                    // Tried again next interval; a lease that lapses meanwhile is noticed then.
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (ConcurrencyConflictException)
        {
            await run.CancelAsync();
        }
    }
}
