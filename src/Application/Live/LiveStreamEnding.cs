using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Live;

/// <summary>Ends a stream: a recorded one that went live gets its video now (AWAITING_UPLOAD until the recording
/// is handed over), the broadcaster is dropped, subscribers hear it, and what is not recorded is removed.</summary>
public sealed class LiveStreamEnding(
    ILiveStreamStore streams,
    IVideoStore videos,
    ILiveIngest ingest,
    ILiveRecordings recordings,
    ILiveStreamEvents events,
    IEventBus videoEvents,
    IClock clock
)
{
    public async Task EndAsync(LiveStream stream, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var now = clock.UtcNow;
        Video? recording = null;
        if (stream.WillBeRecorded)
        {
            recording = Video.Create(stream.OwnerId, stream.Title, stream.Description, now);
            recording.Edit(null, null, stream.Visibility, now);
            videos.AddVideo(recording);
        }

        if (!stream.End(now, reason, recording?.Id))
        {
            return;
        }

        await streams.SaveChangesAsync(ct);
        await ingest.DisconnectAsync(stream.Id, ct);
        await events.PublishAsync(LiveStreamEvent.Of(stream, null, now), ct);
        if (recording is not null)
        {
            await videoEvents.PublishAsync(VideoEvents.Of(recording, now), ct);
        }
        else
        {
            // Nothing becomes a video: the segments and the recording go now (a recording goes once handed over).
            await recordings.DeleteAsync(stream.Id, ct);
        }
    }
}
