using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>How a run's end is recorded on its job: failed or retried, postponed, released.</summary>
internal sealed partial class TranscodeJobWorker
{
    /// <summary>Records the failure; returns the outcome for the metrics: <c>failed</c> or <c>retried</c>. A part
    /// that fails for good fails its video.</summary>
    private Task<string> FinishFailedAsync(JobTicket ticket, string reason, bool transient) =>
        RetryOnConflictAsync(() => RecordFailureAsync(ticket, reason, transient));

    private async Task<string> RecordFailureAsync(JobTicket ticket, string reason, bool transient)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
        var job = await FindJobAsync(queue, ticket.JobId);
        if (job is null)
        {
            return "released";
        }

        var final = job.Fail(reason, transient, Settings.MaxAttempts, Settings.RetryBackoff, clock.UtcNow);
        if (final && job.IsPart)
        {
            reason = $"Part {job.Part} of the chunked encode failed: {reason}";
            await FailVideoJobAsync(queue, job, reason);
        }

        await queue.SaveChangesAsync(CancellationToken.None);
        if (final)
        {
            logger.LogWarning("Video {VideoId} failed: {Reason}", ticket.VideoId, reason);
            await scope
                .ServiceProvider.GetRequiredService<MarkVideoFailed>()
                .Handle(new TranscodeFailure(ticket.VideoId, reason), CancellationToken.None);
            return "failed";
        }

        logger.LogWarning(
            "Video {VideoId}: transient failure, retrying after back-off: {Reason}",
            ticket.VideoId,
            reason
        );
        signal.Wake();
        return "retried";
    }

    /// <summary>The disk is full: the job waits for space without using up an attempt, and the video stays
    /// PROCESSING.</summary>
    private async Task PostponeAsync(Guid jobId, Guid videoId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
        if (await FindJobAsync(queue, jobId) is { } job)
        {
            job.Postpone(TranscodeFailedException.OutOfSpace().Message, Settings.RetryBackoff, clock.UtcNow);
            await queue.SaveChangesAsync(CancellationToken.None);
        }

        logger.LogError("Video {VideoId}: the disk is full; its encode waits for space", videoId);
    }

    private async Task ReleaseAsync(Guid jobId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
        if (await FindJobAsync(queue, jobId) is { } job)
        {
            job.Release(_owner, clock.UtcNow);
            await queue.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Job {JobId} given back: this process is stopping", jobId);
        }
    }

    private async Task<bool> DatabaseAnswersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.CanConnectAsync(ct);
    }

    private static async Task<TranscodeJob?> FindJobAsync(ITranscodeJobStore queue, Guid jobId)
    {
        var jobs = await queue.ListJobsAsync([jobId], CancellationToken.None);
        return jobs.Count > 0 ? jobs[0] : null;
    }
}
