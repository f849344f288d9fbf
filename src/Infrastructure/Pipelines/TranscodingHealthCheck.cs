using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The shared job queue as an operator sees it from any instance: live workers (every process's heartbeat),
/// jobs queued and running, and how long the oldest queued job has waited. Degraded (still ready: an API instance
/// serves without a worker) when jobs wait and no worker is alive to take them.</summary>
internal sealed class TranscodingHealthCheck(AppDbContext db, IClock clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var workers = await WorkerHeartbeats.CountLiveAsync(db, now, ct);
        var queue = db.TranscodeJobs.AsNoTracking();
        var queued = await queue.CountAsync(j => j.State == TranscodeJobState.Queued, ct);
        var running = await queue.CountAsync(j => j.State == TranscodeJobState.Running, ct);
        var oldest = await queue
            .Where(j => j.State == TranscodeJobState.Queued)
            .OrderBy(j => j.CreatedAt)
            .Select(j => (DateTimeOffset?)j.CreatedAt)
            .FirstOrDefaultAsync(ct);
        var data = new Dictionary<string, object>
        {
            ["workers"] = workers,
            ["jobsQueued"] = queued,
            ["jobsRunning"] = running,
            ["oldestQueuedSeconds"] = oldest is { } at ? Math.Round(Math.Max(0, (now - at).TotalSeconds), 1) : 0.0,
        };
        var description =
            $"{workers} worker(s) alive, {queued} job(s) queued (oldest waiting {data["oldestQueuedSeconds"]} s), "
            + $"{running} running";
        return workers == 0 && queued > 0
            ? HealthCheckResult.Degraded("No worker is alive to take the queued jobs: " + description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }
}
