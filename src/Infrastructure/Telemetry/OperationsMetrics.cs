using System.Diagnostics.Metrics;

namespace StreamEngine.Infrastructure.Telemetry;

/// <summary>What operators watch from day to day: bytes coming in, the job queue and its waits, encode speed, events
/// through the bus, and the sampled state of the database (<see cref="OperationsSnapshot"/>). Every label takes a value
/// from a small fixed set.</summary>
public sealed class OperationsMetrics
{
    private readonly Counter<long> _uploadBytes;
    private readonly Counter<long> _jobsFinished;
    private readonly Histogram<double> _jobWait;
    private readonly Histogram<double> _encodeSpeed;
    private readonly Counter<long> _eventsPublished;
    private readonly Counter<long> _eventsDelivered;
    private readonly UpDownCounter<long> _subscriptions;
    private readonly UpDownCounter<long> _jobsRunningHere;
    private volatile OperationsSnapshot? _snapshot;

    public OperationsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(InfrastructureMeters.Names[0]);
        _uploadBytes = meter.CreateCounter<long>(
            "streamengine.uploads.received",
            "By",
            "Upload bytes accepted, by protocol: multipart (part PUTs) or tus (PATCHes)."
        );
        _jobsFinished = meter.CreateCounter<long>(
            "streamengine.jobs.finished",
            "{job}",
            "Job runs of this worker by outcome: succeeded, retried (transient failure, tried again after back-off), "
                + "failed (the video is FAILED), postponed (disk full), released (the process stopped)."
        );
        _jobWait = meter.CreateHistogram(
            "streamengine.jobs.wait",
            "s",
            "Time a job was due before a worker leased it.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
            }
        );
        _encodeSpeed = meter.CreateHistogram(
            "streamengine.encode.speed",
            "1",
            "Seconds of video encoded per second of work (the whole ladder), by job.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16] }
        );
        _eventsPublished = meter.CreateCounter<long>(
            "streamengine.events.published",
            "{event}",
            "Video events published on the event bus by this process."
        );
        _eventsDelivered = meter.CreateCounter<long>(
            "streamengine.events.delivered",
            "{event}",
            "Video events handed to a subscriber of this process (one per subscriber)."
        );
        _subscriptions = meter.CreateUpDownCounter<long>(
            "streamengine.events.subscriptions",
            "{subscription}",
            "Open subscriptions to video events in this process (GraphQL subscriptions and webhooks' listeners)."
        );
        _jobsRunningHere = meter.CreateUpDownCounter<long>(
            "streamengine.jobs.running_here",
            "{job}",
            "Jobs this process's worker is running now."
        );
        meter.CreateObservableGauge(
            "streamengine.jobs.queued",
            () => Sampled(s => s.JobsQueued),
            "{job}",
            "Jobs waiting for a worker, every instance (sampled from the database)."
        );
        meter.CreateObservableGauge(
            "streamengine.jobs.running",
            () => Sampled(s => s.JobsRunning),
            "{job}",
            "Jobs held by a worker, every instance (sampled from the database)."
        );
        meter.CreateObservableGauge(
            "streamengine.videos.processing",
            () => Sampled(s => s.VideosProcessing),
            "{video}",
            "Videos PROCESSING (sampled from the database)."
        );
        meter.CreateObservableGauge(
            "streamengine.videos.stuck",
            () => Sampled(s => s.VideosStuck),
            "{video}",
            "Videos PROCESSING with no news for longer than Pipeline:ReconcileAfter (sampled from the database)."
        );
        meter.CreateObservableGauge(
            "streamengine.workers",
            () => Sampled(s => s.Workers),
            "{worker}",
            "Transcode workers alive, every process (a heartbeat in the last 30 s; sampled from the database)."
        );
        meter.CreateObservableGauge(
            "streamengine.uploads.open",
            () => Sampled(s => s.UploadsOpen),
            "{upload}",
            "Upload sessions open (not completed, aborted or expired), every instance (sampled from the database)."
        );
    }

    /// <summary>Records 0 on every series (called once the exporter listens), so they exist from the first
    /// scrape.</summary>
    public void RecordZeros()
    {
        foreach (var outcome in (string[])["succeeded", "retried", "failed", "postponed", "released"])
        {
            _jobsFinished.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }

        foreach (var protocol in (string[])["multipart", "tus"])
        {
            _uploadBytes.Add(0, new KeyValuePair<string, object?>("protocol", protocol));
        }

        _eventsPublished.Add(0);
        _eventsDelivered.Add(0);
        _subscriptions.Add(0);
        _jobsRunningHere.Add(0);
    }

    public void UploadReceived(string protocol, long bytes) =>
        _uploadBytes.Add(bytes, new KeyValuePair<string, object?>("protocol", protocol));

    public void JobStarted(TimeSpan waited)
    {
        _jobWait.Record(Math.Max(0, waited.TotalSeconds));
        _jobsRunningHere.Add(1);
    }

    public void JobFinished(string outcome)
    {
        _jobsRunningHere.Add(-1);
        _jobsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Encoded(double mediaSeconds, TimeSpan took)
    {
        if (mediaSeconds > 0 && took > TimeSpan.Zero)
        {
            _encodeSpeed.Record(mediaSeconds / took.TotalSeconds);
        }
    }

    public void EventPublished() => _eventsPublished.Add(1);

    public void EventDelivered() => _eventsDelivered.Add(1);

    public void Subscribed() => _subscriptions.Add(1);

    public void Unsubscribed() => _subscriptions.Add(-1);

    internal void Sampled(OperationsSnapshot snapshot) => _snapshot = snapshot;

    /// <summary>The last sample of the shared queue and videos; null before the first.</summary>
    internal OperationsSnapshot? Latest => _snapshot;

    private IEnumerable<Measurement<long>> Sampled(Func<OperationsSnapshot, long> pick) =>
        _snapshot is { } snapshot ? [new Measurement<long>(pick(snapshot))] : [];
}

/// <summary>Counts read from the database by <see cref="OperationsSampler"/>.</summary>
internal sealed record OperationsSnapshot(
    long JobsQueued,
    long JobsRunning,
    long VideosProcessing,
    long VideosStuck,
    long UploadsOpen,
    long Workers,
    DateTimeOffset? OldestQueuedAt,
    DateTimeOffset SampledAt
);
