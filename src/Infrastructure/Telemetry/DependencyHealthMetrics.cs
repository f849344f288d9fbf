using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamEngine.Infrastructure.Telemetry;

/// <summary><c>streamengine_dependency_up{dependency}</c>: 1 while a readiness check (database, redis, s3) passes, 0
/// while it fails, from the health checks the host runs every <see cref="TelemetryOptions.SampleInterval"/>.</summary>
internal sealed class DependencyHealthMetrics : IHealthCheckPublisher
{
    private readonly ConcurrentDictionary<string, int> _up = new(StringComparer.Ordinal);

    public DependencyHealthMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters
            .Create(InfrastructureMeters.Names[0])
            .CreateObservableGauge(
                "streamengine.dependency.up",
                () =>
                    _up.Select(pair => new Measurement<int>(
                        pair.Value,
                        new KeyValuePair<string, object?>("dependency", pair.Key)
                    )),
                "1",
                "1 while the dependency answers its readiness check, 0 while it does not."
            );
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (name, entry) in report.Entries)
        {
            _up[name] = entry.Status == HealthStatus.Healthy ? 1 : 0;
        }

        return Task.CompletedTask;
    }
}
