using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

public enum LiveIngestChange
{
    /// <summary>The ladder's first segments are out.</summary>
    SegmentsOut,

    /// <summary>The broadcaster dropped (or the ladder stopped).</summary>
    Disconnected,

    /// <summary>The ingest refused what the broadcaster sends (codec, bit rate): the stream ends with the
    /// reason.</summary>
    Refused,
}

public sealed record LiveIngestReport(Guid StreamId, LiveIngestChange Change, string? Reason = null);

/// <summary>What the ingest reports about a broadcast: LIVE once segments are out, RECONNECTING when the broadcaster
/// drops (the reconnect window starts), ENDED when what it sends cannot be carried.</summary>
public sealed class ReportLiveIngest(
    ILiveStreamStore streams,
    ILiveStreamEvents events,
    ILiveIngest ingest,
    LiveStreamEnding ending,
    IClock clock
)
{
    public async Task<LiveStreamStatus?> Handle(LiveIngestReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (await streams.FindLiveStreamAsync(report.StreamId, ct) is not { } stream)
        {
            return null;
        }

        var now = clock.UtcNow;
        if (report.Change == LiveIngestChange.Refused)
        {
            await ending.EndAsync(stream, report.Reason, ct);
            return stream.Status;
        }

        var changed =
            report.Change == LiveIngestChange.SegmentsOut ? stream.MarkLive(now) : stream.MarkDisconnected(now);
        if (changed)
        {
            await streams.SaveChangesAsync(ct);
            await events.PublishAsync(LiveStreamEvent.Of(stream, ingest.ViewersOf(stream.Id), now), ct);
        }

        return stream.Status;
    }
}
