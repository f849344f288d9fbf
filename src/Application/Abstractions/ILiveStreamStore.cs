using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Live streams; one scope's changes are saved together (with the videos of the same scope).</summary>
public interface ILiveStreamStore
{
    Task<LiveStream?> FindLiveStreamAsync(Guid id, CancellationToken ct);

    Task<LiveStream?> FindByKeyAsync(string streamKey, CancellationToken ct);

    /// <summary>Streams under way (CONNECTING, LIVE, RECONNECTING): of one owner, or of the whole instance.</summary>
    Task<int> CountActiveAsync(Guid? ownerId, CancellationToken ct);

    /// <summary>Streams under way, and ended ones whose recording is still to be handed over.</summary>
    Task<IReadOnlyList<LiveStream>> UnfinishedAsync(CancellationToken ct);

    /// <summary>Streams that have not ended: those a broadcaster is on first, then the newest.</summary>
    Task<IReadOnlyList<LiveStream>> OpenAsync(int limit, CancellationToken ct);

    /// <summary>Reads the stream's current state again.</summary>
    Task ReloadAsync(LiveStream stream, CancellationToken ct);

    void AddLiveStream(LiveStream stream);

    Task SaveChangesAsync(CancellationToken ct);
}

/// <summary>Lists of live streams, read without tracking.</summary>
public interface ILiveStreamQueries
{
    /// <summary>An owner's streams, newest first.</summary>
    Task<IReadOnlyList<LiveStream>> OwnedAsync(Guid ownerId, int limit, CancellationToken ct);

    /// <summary>Public streams that are LIVE now, newest first; of one owner when given.</summary>
    Task<IReadOnlyList<LiveStream>> LiveNowAsync(Guid? ownerId, int limit, CancellationToken ct);

    /// <summary>Public streams LIVE now on the channels <paramref name="viewerId"/> subscribes to, newest
    /// first.</summary>
    Task<IReadOnlyList<LiveStream>> LiveOnSubscriptionsAsync(Guid viewerId, int limit, CancellationToken ct);
}

/// <summary>A change of a live stream, as subscribers see it.</summary>
public sealed record LiveStreamEvent(
    Guid StreamId,
    Guid OwnerId,
    LiveStreamStatus Status,
    Visibility Visibility,
    int? ViewerCount,
    DateTimeOffset OccurredAt
)
{
    public static LiveStreamEvent Of(LiveStream stream, int? viewers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(stream.Id, stream.OwnerId, stream.Status, stream.Visibility, viewers, now);
    }
}

/// <summary>Carries live stream changes to subscribers: in process, or across instances.</summary>
public interface ILiveStreamEvents
{
    ValueTask PublishAsync(LiveStreamEvent liveEvent, CancellationToken ct);

    /// <summary>When the returned task completes, every event of the stream published afterwards reaches the
    /// handler.</summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(Guid streamId, Func<LiveStreamEvent, ValueTask> handler);
}

/// <summary>Where broadcasters connect, and the ingest's hold on them.</summary>
public interface ILiveIngest
{
    /// <summary>The RTMP URL broadcasters put in front of the key (<c>rtmp://host:1935/live</c>).</summary>
    Uri RtmpUrl { get; }

    /// <summary>Where to publish the stream over SRT (its key is the SRT passphrase); null while it has no
    /// listener.</summary>
    Uri? SrtUrlOf(Guid streamId, string streamKey);

    /// <summary>Whether a broadcaster of this stream is connected to this instance now.</summary>
    bool IsPublishing(Guid streamId);

    /// <summary>How many people watched the stream in the last few seconds (this instance's count).</summary>
    int ViewersOf(Guid streamId);

    /// <summary>Drops the stream's broadcaster and stops its ladder (nothing when none is connected).</summary>
    Task DisconnectAsync(Guid streamId, CancellationToken ct);
}

/// <summary>What a broadcast left on disk: its recording and its live segments.</summary>
public interface ILiveRecordings
{
    /// <summary>Joins the stream's recorded parts into one file the caller owns; null when nothing was
    /// recorded.</summary>
    Task<string?> JoinAsync(Guid streamId, CancellationToken ct);

    /// <summary>Removes the recording and the live segments of a stream.</summary>
    Task DeleteAsync(Guid streamId, CancellationToken ct);
}

/// <summary>Signs the URL of a live stream's master playlist (its folder, as for videos).</summary>
public interface ILivePlaybackSigner
{
    Uri Sign(Guid streamId, DateTimeOffset now);
}
