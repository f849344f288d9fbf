using System.Diagnostics.Metrics;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>What the start outbox and the reconcilers do, for operators: starts made, retried and given up, and the
/// videos a reconciler finished, failed or started again.</summary>
public sealed class PipelineMetrics
{
    private readonly Counter<long> _starts;
    private readonly Counter<long> _reconciled;

    public PipelineMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(InfrastructureMeters.Names[0]);
        _starts = meter.CreateCounter<long>(
            "streamengine.pipeline.starts",
            "{start}",
            "Pipeline start attempts from the start outbox, by outcome: started, retried (refused, tried again later), "
                + "failed (given up; the video is FAILED)."
        );
        _reconciled = meter.CreateCounter<long>(
            "streamengine.pipeline.reconciled",
            "{video}",
            "Videos a reconciler acted on without a status message, by pipeline and action: ready, failed, restarted."
        );
    }

    /// <summary>Records 0 on every series (called once the exporter listens), so they exist from the first
    /// scrape.</summary>
    public void RecordZeros()
    {
        foreach (var outcome in (string[])["started", "retried", "failed"])
        {
            _starts.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }

        foreach (var pipeline in (string[])["aws", "cloudinary"])
        {
            foreach (var action in (string[])["ready", "failed", "restarted"])
            {
                _reconciled.Add(
                    0,
                    new KeyValuePair<string, object?>("pipeline", pipeline),
                    new KeyValuePair<string, object?>("action", action)
                );
            }
        }
    }

    public void Start(string outcome) => _starts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Reconciled(string pipeline, string action) =>
        _reconciled.Add(
            1,
            new KeyValuePair<string, object?>("pipeline", pipeline),
            new KeyValuePair<string, object?>("action", action)
        );
}
