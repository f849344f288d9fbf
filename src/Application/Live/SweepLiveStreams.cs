using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>The periodic pass over unfinished streams: a broadcaster that did not return within the reconnect window
/// ends its stream, so does one past the maximum duration; a stream whose ingest vanished (a restart) waits for its
/// broadcaster; an ended stream's recording is handed to its video, which then proceeds as an upload. Returns the
/// streams LIVE after the pass.</summary>
public sealed class SweepLiveStreams(
    ILiveStreamStore streams,
    ILiveIngest ingest,
    LiveStreamEnding ending,
    ILiveRecordings recordings,
    IObjectStorage storage,
    AcceptImportedSource accept,
    ILiveStreamEvents events,
    IClock clock,
    IOptions<LiveOptions> options
)
{
    /// <summary>How long a connecting or live stream may be without its ingest before it counts as dropped (the
    /// ingest reports a drop itself; this covers a restart of the instance).</summary>
    public static readonly TimeSpan IngestGrace = TimeSpan.FromSeconds(15);

    public async Task<IReadOnlyList<LiveStream>> Handle(CancellationToken ct)
    {
        var live = new List<LiveStream>();
        foreach (var stream in await streams.UnfinishedAsync(ct))
        {
            var now = clock.UtcNow;
            if (stream.RecordingPending)
            {
                await HandOverRecordingAsync(stream, ct);
            }
            else if (stream.Status == LiveStreamStatus.Reconnecting)
            {
                if (stream.DisconnectedAt + options.Value.ReconnectWindow <= now)
                {
                    await ending.EndAsync(
                        stream,
                        $"The broadcaster did not return within {options.Value.ReconnectWindow}.",
                        ct
                    );
                }
            }
            else if (stream.StartedAt + options.Value.MaxDuration <= now)
            {
                await ending.EndAsync(
                    stream,
                    $"The broadcast reached the maximum duration of {options.Value.MaxDuration}.",
                    ct
                );
            }
            else if (!ingest.IsPublishing(stream.Id) && stream.UpdatedAt + IngestGrace <= now)
            {
                if (stream.MarkDisconnected(now))
                {
                    await streams.SaveChangesAsync(ct);
                    await events.PublishAsync(LiveStreamEvent.Of(stream, null, now), ct);
                }
            }
            else if (stream.Status == LiveStreamStatus.Live)
            {
                live.Add(stream);
            }
        }

        return live;
    }

    private async Task HandOverRecordingAsync(LiveStream stream, CancellationToken ct)
    {
        if (stream.RecordingVideoId is { } videoId)
        {
            var file = await recordings.JoinAsync(stream.Id, ct);
            if (file is not null)
            {
                await storage.StoreSourceAsync(videoId, file, ct);
            }

            await accept.Handle(
                new ImportedSource(videoId, file is null ? "The broadcast left no recording." : null),
                ct
            );
        }

        stream.RecordingHandedOver(clock.UtcNow);
        await streams.SaveChangesAsync(ct);
        await recordings.DeleteAsync(stream.Id, ct);
    }
}
