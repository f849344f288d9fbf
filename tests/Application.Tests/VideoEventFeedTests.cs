using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Tests;

public sealed class VideoEventFeedTests
{
    [Fact]
    public async Task A_slow_subscriber_overflows_its_own_feed_without_blocking_the_publisher_or_others()
    {
        var bus = new ListBus();
        var user = new CurrentUser();
        user.SignIn(new TokenPrincipal(Guid.NewGuid(), Guid.NewGuid()));
        var watch = new WatchVideoEvents(new NoVideos(), bus, user);
        var slow = (await watch.Mine()).Value!;
        var fast = (await watch.Mine()).Value!;
        var received = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in fast.Events.ReadAllAsync())
            {
                if (++received == WatchVideoEvents.FeedCapacity + 50)
                {
                    return;
                }
            }
        });

        for (var i = 0; i < WatchVideoEvents.FeedCapacity + 50; i++)
        {
            await bus.PublishAsync(new VideoEvent(Guid.NewGuid(), user.UserId!.Value, VideoStatus.Processing, "ENCODING", i, null, null, DateTimeOffset.UtcNow), default);
            if (i % 32 == 0)
            {
                await Task.Delay(1);
            }
        }

        await reading.WaitAsync(TimeSpan.FromSeconds(10));
        var drained = new List<VideoEvent>();
        var error = await Assert.ThrowsAsync<FeedOverflowException>(async () =>
        {
            await foreach (var e in slow.Events.ReadAllAsync())
            {
                drained.Add(e);
            }
        });

        Assert.True(slow.Overflowed);
        Assert.Equal(WatchVideoEvents.FeedCapacity, drained.Count);
        Assert.False(fast.Overflowed);
        Assert.Equal(WatchVideoEvents.FeedCapacity + 50, received);
        Assert.Contains("could not keep up", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Delivers synchronously to every subscriber of the owner, like the in-memory adapter.</summary>
    private sealed class ListBus : IEventBus
    {
        private readonly List<Func<VideoEvent, ValueTask>> _handlers = [];

        public int Subscribers => _handlers.Count;

        public async ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct)
        {
            foreach (var handler in _handlers.ToList())
            {
                await handler(videoEvent);
            }
        }

        public ValueTask<IAsyncDisposable> SubscribeAsync(Guid? videoId, Guid? ownerId, Func<VideoEvent, ValueTask> handler)
        {
            _handlers.Add(handler);
            return ValueTask.FromResult<IAsyncDisposable>(new Nothing());
        }

        private sealed class Nothing : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Following_an_unknown_video_is_refused_before_anything_is_subscribed_on_the_bus()
    {
        var bus = new ListBus();
        var watch = new WatchVideoEvents(new NoVideos(), bus, new CurrentUser());

        var result = await watch.ForVideo(Guid.NewGuid(), default);

        Assert.Equal("VIDEO_NOT_FOUND", result.Errors[0].Code);
        Assert.Equal(0, bus.Subscribers);
    }

    [Fact]
    public async Task A_stranger_sees_only_ready_states_and_the_feed_ends_when_the_video_stops_being_public()
    {
        var now = DateTimeOffset.UtcNow;
        var video = Video.Create(Guid.NewGuid(), "clip", null, now);
        video.Edit(null, null, Visibility.Public, now);
        var bus = new ListBus();
        var watch = new WatchVideoEvents(new NoVideos(video), bus, new CurrentUser());
        var feed = (await watch.ForVideo(video.Id, default)).Value!;

        await bus.PublishAsync(new VideoEvent(video.Id, video.OwnerId, VideoStatus.Processing, "ENCODING", 50, null, null, now.AddSeconds(1)) { Visibility = Visibility.Public }, default);
        await bus.PublishAsync(new VideoEvent(video.Id, video.OwnerId, VideoStatus.Ready, null, 100, null, null, now.AddSeconds(2)) { Visibility = Visibility.Public }, default);
        await bus.PublishAsync(new VideoEvent(video.Id, video.OwnerId, VideoStatus.Ready, null, 100, null, null, now.AddSeconds(3)) { Visibility = Visibility.Private }, default);
        var seen = new List<VideoEvent>();
        await foreach (var e in feed.Events.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token))
        {
            seen.Add(e);
        }

        Assert.Equal([VideoStatus.Ready], seen.Select(e => e.Status));
        Assert.Null(seen[0].Stage);
    }

    private sealed class NoVideos(Video? only = null) : IVideoStore
    {
        public Task<Video?> FindVideoAsync(Guid id, CancellationToken ct) => Task.FromResult(only?.Id == id ? only : null);

        public Task ReloadAsync(Video video, CancellationToken ct) => Task.CompletedTask;

        public void AddVideo(Video video) => throw new NotSupportedException();

        public void RemoveVideo(Video video) => throw new NotSupportedException();

        public Task<UploadSession?> FindUploadAsync(Guid id, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<UploadSession>> ListUploadsOfVideoAsync(Guid videoId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<UploadSession>> ListExpiredOpenUploadsAsync(DateTimeOffset now, int max, CancellationToken ct) => throw new NotSupportedException();

        public Task<(int Count, long Bytes)> OpenUploadsOfOwnerAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct) => throw new NotSupportedException();

        public void AddUpload(UploadSession session) => throw new NotSupportedException();

        public void RemoveUpload(UploadSession session) => throw new NotSupportedException();

        public Task<TranscodeJob?> FindJobOfVideoAsync(Guid videoId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<TranscodeJob>> ListJobsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<TranscodeJob>> ListAvailableJobsAsync(DateTimeOffset now, int max, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<Guid>> ListProcessingVideosWithoutJobAsync(DateTimeOffset before, int max, CancellationToken ct) => throw new NotSupportedException();

        public void AddJob(TranscodeJob job) => throw new NotSupportedException();

        public void RemoveJob(TranscodeJob job) => throw new NotSupportedException();

        public Task SaveChangesAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<Video>> ListVideosOfOwnerAsync(Guid ownerId, CancellationToken ct)
        {
            throw new NotImplementedException();
        }
    }
}
