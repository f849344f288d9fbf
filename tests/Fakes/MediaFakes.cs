using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

/// <summary>Object storage that records what it was asked to do. Parts "arrive" through <see
/// cref="Receive"/>.</summary>
public sealed class RecordingStorage : IObjectStorage
{
    public Dictionary<Guid, List<ReceivedPart>> Parts { get; } = [];

    public List<Guid> Aborted { get; } = [];

    public List<Guid> SourcesDeleted { get; } = [];

    public List<Guid> MediaDeleted { get; } = [];

    /// <summary>What the next completion answers (null: assembled).</summary>
    public Error? CompletionError { get; set; }

    public int Completions { get; private set; }

    public void Receive(UploadSession session, int partNumber, long sizeBytes)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parts = Parts.TryGetValue(session.Id, out var list) ? list : Parts[session.Id] = [];
        parts.Add(new ReceivedPart(partNumber, sizeBytes, "etag-" + partNumber));
    }

    public Task<string> BeginUploadAsync(UploadSession session, CancellationToken ct) =>
        Task.FromResult("storage-upload");

    public IReadOnlyList<UploadPartTarget> PartTargets(UploadSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return
        [
            .. Enumerable
                .Range(1, session.PartCount)
                .Select(n => new UploadPartTarget(
                    n,
                    new Uri($"http://127.0.0.1/uploads/{session.Id}/{n}"),
                    new Dictionary<string, string>()
                )),
        ];
    }

    public Task<IReadOnlyList<ReceivedPart>> ListPartsAsync(UploadSession session, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ReceivedPart>>(Parts.GetValueOrDefault(session.Id) ?? []);

    public Task<Error?> CompleteUploadAsync(
        UploadSession session,
        IReadOnlyList<CompletedPart> parts,
        CancellationToken ct
    )
    {
        Completions++;
        return Task.FromResult(CompletionError);
    }

    public Task AbortUploadAsync(UploadSession session, CancellationToken ct)
    {
        Aborted.Add(session.Id);
        return Task.CompletedTask;
    }

    public List<Guid> SourcesStored { get; } = [];

    public Task StoreSourceAsync(Guid videoId, string file, CancellationToken ct)
    {
        SourcesStored.Add(videoId);
        return Task.CompletedTask;
    }

    public Task DeleteSourceAsync(Guid videoId, CancellationToken ct)
    {
        SourcesDeleted.Add(videoId);
        return Task.CompletedTask;
    }

    public Task DeleteMediaAsync(Guid videoId, CancellationToken ct)
    {
        MediaDeleted.Add(videoId);
        return Task.CompletedTask;
    }
}

/// <summary>Answers every inspection with <see cref="Next"/> (a 10-second 1280x720 video unless set).</summary>
public sealed class FakeInspector : IMediaInspector
{
    public SourceInspection Next { get; set; } = new(true, null, 10, 1280, 720, 1000);

    public Task<SourceInspection> InspectSourceAsync(Guid videoId, CancellationToken ct) => Task.FromResult(Next);
}

public sealed class RecordingPipeline : ITranscodePipeline
{
    public List<Guid> Started { get; } = [];

    public List<Guid> Cancelled { get; } = [];

    public List<Guid> OutputsDeleted { get; } = [];

    public Task StartAsync(Guid videoId, CancellationToken ct)
    {
        Started.Add(videoId);
        return Task.CompletedTask;
    }

    public Task CancelAsync(Guid videoId, CancellationToken ct)
    {
        Cancelled.Add(videoId);
        return Task.CompletedTask;
    }

    public Task DeleteOutputsAsync(Guid videoId, CancellationToken ct)
    {
        OutputsDeleted.Add(videoId);
        return Task.CompletedTask;
    }
}

public sealed class FakeSigner : IPlaybackUrlSigner
{
    public SignedPlayback Sign(Guid videoId, DateTimeOffset now, PlaybackAudience audience) =>
        new(
            new Uri($"http://127.0.0.1/media/{videoId}/{audience}/master.m3u8"),
            new Uri($"http://127.0.0.1/media/{videoId}/{audience}/poster.jpg"),
            now.AddHours(1),
            new Uri($"http://127.0.0.1/media/{videoId}/{audience}/")
        );
}

/// <summary>An event bus in memory that delivers synchronously and keeps everything published.</summary>
public sealed class RecordingEventBus : IEventBus
{
    private readonly List<(Guid? Video, Guid? Owner, Func<VideoEvent, ValueTask> Handler)> _subscribers = [];

    public List<VideoEvent> Published { get; } = [];

    public int Subscribers => _subscribers.Count;

    public async ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(videoEvent);
        Published.Add(videoEvent);
        foreach (var (video, owner, handler) in _subscribers.ToList())
        {
            if ((video is null || video == videoEvent.VideoId) && (owner is null || owner == videoEvent.OwnerId))
            {
                await handler(videoEvent);
            }
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Guid? videoId, Guid? ownerId, Func<VideoEvent, ValueTask> handler)
    {
        var entry = (videoId, ownerId, handler);
        _subscribers.Add(entry);
        return ValueTask.FromResult<IAsyncDisposable>(new Unsubscribe(() => _subscribers.Remove(entry)));
    }

    private sealed class Unsubscribe(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class FakePipelineOutputs : IPipelineOutputs
{
    public List<Rendition> Renditions { get; } =
    [new("720p", 1280, 720, 3_000_000, 2_500_000, "avc1.64001f,mp4a.40.2")];

    public Storyboard? Storyboard { get; set; } = new(1, 160, 90, 10, 2, 10);

    public Task<PipelineOutput> ReadAsync(Guid videoId, CancellationToken ct) =>
        Task.FromResult(new PipelineOutput(Renditions, Storyboard));
}

/// <summary>Channel images in memory: a completion succeeds for a token it issued, unless told to refuse.</summary>
public sealed class FakeChannelImages : IChannelImages
{
    private long _version;

    public HashSet<string> Pending { get; } = [];

    public List<(Guid User, ChannelImageKind Kind, long Version)> Deleted { get; } = [];

    public string? Refusal { get; set; }

    public ChannelImageUpload BeginUpload(Guid userId, ChannelImageKind kind, long sizeBytes, DateTimeOffset now)
    {
        var token = $"{userId:N}-{kind}-{Pending.Count}";
        Pending.Add(token);
        return new ChannelImageUpload(
            new Uri("http://127.0.0.1/images/" + token),
            new Dictionary<string, string>(),
            token,
            now.AddHours(1)
        );
    }

    public int PendingUploads(Guid userId) =>
        Pending.Count(t => t.StartsWith(userId.ToString("N"), StringComparison.Ordinal));

    public Task<(long? Version, string? Refusal)> CompleteUploadAsync(
        Guid userId,
        ChannelImageKind kind,
        string token,
        DateTimeOffset now,
        CancellationToken ct
    ) =>
        Task.FromResult<(long?, string?)>(
            Pending.Remove(token) && Refusal is null ? (++_version, null) : (null, Refusal)
        );

    public Uri? Url(User user, ChannelImageKind kind) => null;

    public Task DeleteAsync(Guid userId, ChannelImageKind kind, long version, CancellationToken ct)
    {
        Deleted.Add((userId, kind, version));
        return Task.CompletedTask;
    }

    public Task DeleteAllAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
