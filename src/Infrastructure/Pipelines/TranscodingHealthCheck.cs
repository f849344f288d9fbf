using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Telemetry;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The shared job queue as an operator sees it from any instance: live workers (every process's heartbeat),
/// jobs queued and running, and how long the oldest queued job has waited. Degraded (still ready: an API instance
/// serves without a worker) when jobs wait and no worker is alive to take them. Read from the operations sample
/// (<c>Telemetry:SampleInterval</c>), so a probe, however often anyone sends it, costs the database nothing.</summary>
internal sealed class TranscodingHealthCheck(OperationsMetrics metrics, IClock clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (metrics.Latest is not { } sample)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The job queue has not been sampled yet."));
        }

        var now = clock.UtcNow;
        var oldest = sample.OldestQueuedAt is { } at ? Math.Round(Math.Max(0, (now - at).TotalSeconds), 1) : 0.0;
        var data = new Dictionary<string, object>
        {
            ["workers"] = sample.Workers,
            ["jobsQueued"] = sample.JobsQueued,
            ["jobsRunning"] = sample.JobsRunning,
            ["oldestQueuedSeconds"] = oldest,
            ["sampledSecondsAgo"] = Math.Round(Math.Max(0, (now - sample.SampledAt).TotalSeconds), 1),
        };
        var description =
            $"{sample.Workers} worker(s) alive, {sample.JobsQueued} job(s) queued (oldest waiting {oldest} s), "
            + $"{sample.JobsRunning} running";
        return Task.FromResult(
            sample.Workers == 0 && sample.JobsQueued > 0
                ? HealthCheckResult.Degraded("No worker is alive to take the queued jobs: " + description, data: data)
                : HealthCheckResult.Healthy(description, data)
        );
    }
}
