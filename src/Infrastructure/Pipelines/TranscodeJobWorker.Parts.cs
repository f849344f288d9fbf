using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The bookkeeping of a video's job split into parts: the video job waits while its parts run anywhere, the
/// last part to finish queues it again, a part that fails for good fails the video. Every step changes the video job's
/// row, whose version makes concurrent steps conflict: the one that loses looks again, so no finish is missed.
/// </summary>
internal sealed partial class TranscodeJobWorker
{
    private const int ConflictRetries = 8;

    /// <summary>Records a run that returned; the outcome for the metrics.</summary>
    private Task<string> RecordDoneAsync(JobTicket ticket, JobRunOutcome done) =>
        RetryOnConflictAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
            var job = await FindJobAsync(queue, ticket.JobId);
            if (job is null)
            {
                return "released"; // deleted with its video, or its video failed meanwhile
            }

            var now = clock.UtcNow;
            string outcome;
            double? progress = null;
            if (done == JobRunOutcome.AwaitingParts)
            {
                if (job.State != TranscodeJobState.Running || job.LeaseOwner != _owner)
                {
                    return "released";
                }

                job.AwaitParts(_owner, now);
                var parts = await queue.ListPartsAsync(ticket.VideoId, CancellationToken.None);
                if (parts.All(p => p.State == TranscodeJobState.Succeeded))
                {
                    job.PartDone(last: true, now); // they finished before it began to wait
                }

                outcome = "waiting";
            }
            else if (job.IsPart)
            {
                job.Succeed(now);
                progress = await PartSucceededAsync(queue, job, now);
                outcome = "succeeded";
            }
            else
            {
                job.Succeed(now);
                outcome = "succeeded";
            }

            await queue.SaveChangesAsync(CancellationToken.None);
            signal.Wake();
            if (progress is { } percent)
            {
                await ReportPartsProgressAsync(ticket.VideoId, percent);
            }

            return outcome;
        });

    /// <summary>Touches the video job, queueing it again when this was the last part; the share of parts done.
    /// </summary>
    private static async Task<double> PartSucceededAsync(
        ITranscodeJobStore queue,
        TranscodeJob part,
        DateTimeOffset now
    )
    {
        var parts = await queue.ListPartsAsync(part.VideoId, CancellationToken.None);
        var done = parts.Count(p => p.Id == part.Id || p.State == TranscodeJobState.Succeeded);
        if (await queue.FindJobOfVideoAsync(part.VideoId, CancellationToken.None) is { } videoJob)
        {
            videoJob.PartDone(last: done == parts.Count, now);
        }

        return Math.Round(100.0 * done / parts.Count, 1);
    }

    /// <summary>Progress as the share of parts done; a report that cannot be recorded is only late.</summary>
    private async Task ReportPartsProgressAsync(Guid videoId, double percent)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope
                .ServiceProvider.GetRequiredService<ReportTranscodeProgress>()
                .Handle(new TranscodeProgressReport(videoId, "ENCODING", percent, null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Progress of video {VideoId} could not be recorded", videoId);
        }
    }

    /// <summary>A part failed for good: the video's job fails with it, and the other parts are dropped (a worker
    /// running one loses its lease and stops).</summary>
    private async Task FailVideoJobAsync(ITranscodeJobStore queue, TranscodeJob failed, string reason)
    {
        if (await queue.FindJobOfVideoAsync(failed.VideoId, CancellationToken.None) is { } videoJob)
        {
            videoJob.Fail(reason, transient: false, Settings.MaxAttempts, Settings.RetryBackoff, clock.UtcNow);
        }

        foreach (var part in await queue.ListPartsAsync(failed.VideoId, CancellationToken.None))
        {
            if (part.Id != failed.Id)
            {
                queue.RemoveJob(part);
            }
        }
    }

    /// <summary>The sweep's safety net: a video job left waiting although its parts are all done (or gone) is queued
    /// again; the step that should have done so was interrupted.</summary>
    private async Task ResumeWaitingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
        foreach (var job in await queue.ListWaitingJobsAsync(50, ct))
        {
            var parts = await queue.ListPartsAsync(job.VideoId, ct);
            if (parts.All(p => p.State is TranscodeJobState.Succeeded or TranscodeJobState.Failed))
            {
                logger.LogWarning("Video {VideoId}: its parts are finished; its job resumes", job.VideoId);
                job.PartDone(last: true, clock.UtcNow);
            }
        }

        try
        {
            await queue.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
            // A part finished meanwhile and did it; or the next sweep will.
        }
    }

    private static async Task<string> RetryOnConflictAsync(Func<Task<string>> step)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                return await step();
            }
            catch (ConcurrencyConflictException) when (++attempt < ConflictRetries)
            {
                // Another step changed the same rows first: look again.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
            }
        }
    }
}
