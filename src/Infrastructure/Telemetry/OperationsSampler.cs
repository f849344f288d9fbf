using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Pipelines;

namespace StreamEngine.Infrastructure.Telemetry;

/// <summary>Reads the queue and video counts every <see cref="TelemetryOptions.SampleInterval"/> for
/// <see cref="OperationsMetrics"/>, so a scrape never waits on the database (and still answers while it is
/// down: the gauges then hold their last values and the <c>database</c> dependency gauge says why).</summary>
internal sealed class OperationsSampler(
    IServiceScopeFactory scopes,
    OperationsMetrics metrics,
    IClock clock,
    IOptions<PipelineOptions> pipeline,
    IOptions<TelemetryOptions> telemetry,
    ILogger<OperationsSampler> logger
) : PeriodicPass
{
    protected override TimeSpan Interval => telemetry.Value.SampleInterval;

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow;
        var quietSince = now - pipeline.Value.ReconcileAfter;
        var jobs = await db
            .TranscodeJobs.AsNoTracking()
            .Where(j => j.State == TranscodeJobState.Queued || j.State == TranscodeJobState.Running)
            .GroupBy(j => j.State)
            .Select(g => new { State = g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        var oldestQueued = await db
            .TranscodeJobs.AsNoTracking()
            .Where(j => j.State == TranscodeJobState.Queued)
            .OrderBy(j => j.CreatedAt)
            .Select(j => (DateTimeOffset?)j.CreatedAt)
            .FirstOrDefaultAsync(ct);
        var processing = await db.Videos.LongCountAsync(v => v.Status == VideoStatus.Processing, ct);
        var stuck = await db.Videos.LongCountAsync(
            v => v.Status == VideoStatus.Processing && v.UpdatedAt < quietSince,
            ct
        );
        var uploads = await db.UploadSessions.LongCountAsync(
            u => u.CompletedAt == null && u.AbortedAt == null && u.ExpiresAt > now,
            ct
        );
        metrics.Sampled(
            new OperationsSnapshot(
                jobs.Where(j => j.State == TranscodeJobState.Queued).Sum(j => j.Count),
                jobs.Where(j => j.State == TranscodeJobState.Running).Sum(j => j.Count),
                processing,
                stuck,
                uploads,
                await Pipelines.WorkerHeartbeats.CountLiveAsync(db, now, ct),
                oldestQueued,
                now
            )
        );
    }

    protected override void PassFailed(Exception exception) =>
        logger.LogWarning("The operations gauges could not be sampled: {Reason}", exception.Message);
}
