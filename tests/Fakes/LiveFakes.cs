using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

public sealed class InMemoryLiveStreams : ILiveStreamStore, ILiveStreamQueries
{
    public List<LiveStream> Streams { get; } = [];

    public Task<LiveStream?> FindLiveStreamAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Streams.FirstOrDefault(s => s.Id == id));

    public Task<LiveStream?> FindByKeyAsync(string streamKey, CancellationToken ct) =>
        Task.FromResult(Streams.FirstOrDefault(s => s.StreamKey == streamKey));

    public Task<IReadOnlyList<LiveStream>> OwnedAsync(Guid ownerId, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LiveStream>>([
            .. Streams.Where(s => s.OwnerId == ownerId).OrderByDescending(s => s.CreatedAt).Take(limit),
        ]);

    public Task<IReadOnlyList<LiveStream>> LiveNowAsync(Guid? ownerId, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LiveStream>>([
            .. Streams
                .Where(s =>
                    s.Status == LiveStreamStatus.Live
                    && s.Visibility == Visibility.Public
                    && (ownerId == null || s.OwnerId == ownerId)
                )
                .Take(limit),
        ]);

    /// <summary>Who subscribes to whom (the world's subscription store).</summary>
    public InMemorySubscriptions? Subscriptions { get; set; }

    public async Task<IReadOnlyList<LiveStream>> LiveOnSubscriptionsAsync(
        Guid viewerId,
        int limit,
        CancellationToken ct
    )
    {
        var channels = Subscriptions?.All.Where(s => s.Subscriber == viewerId).Select(s => s.Channel).ToHashSet() ?? [];
        return [.. (await LiveNowAsync(null, int.MaxValue, ct)).Where(s => channels.Contains(s.OwnerId)).Take(limit)];
    }

    public Task<int> CountActiveAsync(Guid? ownerId, CancellationToken ct) =>
        Task.FromResult(Streams.Count(s => s.IsActive && (ownerId == null || s.OwnerId == ownerId)));

    public Task<IReadOnlyList<LiveStream>> UnfinishedAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LiveStream>>([.. Streams.Where(s => s.IsActive || s.RecordingPending)]);

    public Task<IReadOnlyList<LiveStream>> OpenAsync(int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LiveStream>>([
            .. Streams
                .Where(s => s.Status != LiveStreamStatus.Ended)
                .OrderBy(s => s.Status == LiveStreamStatus.Idle ? 1 : 0)
                .ThenByDescending(s => s.CreatedAt)
                .Take(limit),
        ]);

    public Task ReloadAsync(LiveStream stream, CancellationToken ct) => Task.CompletedTask;

    public void AddLiveStream(LiveStream stream) => Streams.Add(stream);

    public Task SaveChangesAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Records what the use cases told the ingest, and says which streams it carries.</summary>
public sealed class FakeLiveIngest : ILiveIngest
{
    public HashSet<Guid> Publishing { get; } = [];

    public List<Guid> Disconnected { get; } = [];

    public Uri RtmpUrl { get; } = new("rtmp://live.example.com:1935/live");

    public Uri? SrtUrlOf(Guid streamId, string streamKey) => null;

    public bool IsPublishing(Guid streamId) => Publishing.Contains(streamId);

    public int ViewersOf(Guid streamId) => 0;

    public Task DisconnectAsync(Guid streamId, CancellationToken ct)
    {
        Publishing.Remove(streamId);
        Disconnected.Add(streamId);
        return Task.CompletedTask;
    }
}

public sealed class RecordingLiveEvents : ILiveStreamEvents
{
    private readonly List<(Guid Stream, Func<LiveStreamEvent, ValueTask> Handler)> _handlers = [];

    public List<LiveStreamEvent> Published { get; } = [];

    public async ValueTask PublishAsync(LiveStreamEvent liveEvent, CancellationToken ct)
    {
        Published.Add(liveEvent);
        foreach (var (stream, handler) in _handlers.ToList())
        {
            if (stream == liveEvent.StreamId)
            {
                await handler(liveEvent);
            }
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Guid streamId, Func<LiveStreamEvent, ValueTask> handler)
    {
        var entry = (streamId, handler);
        _handlers.Add(entry);
        return ValueTask.FromResult<IAsyncDisposable>(new Removal(() => _handlers.Remove(entry)));
    }

    private sealed class Removal(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A recording made of a named file per stream (absent: nothing was recorded).</summary>
public sealed class FakeLiveRecordings : ILiveRecordings
{
    public Dictionary<Guid, string> Files { get; } = [];

    public List<Guid> Deleted { get; } = [];

    public Task<string?> JoinAsync(Guid streamId, CancellationToken ct) =>
        Task.FromResult(Files.TryGetValue(streamId, out var file) ? file : null);

    public Task DeleteAsync(Guid streamId, CancellationToken ct)
    {
        Deleted.Add(streamId);
        return Task.CompletedTask;
    }
}

public sealed class FakeLivePlayback : ILivePlaybackSigner
{
    public Uri Sign(Guid streamId, DateTimeOffset now) =>
        new($"https://media.example.com/live/{streamId:N}/master.m3u8");
}
