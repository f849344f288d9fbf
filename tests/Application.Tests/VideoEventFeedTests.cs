using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests;

public sealed class VideoEventFeedTests
{
    [Fact]
    public async Task A_slow_subscriber_overflows_its_own_feed_without_blocking_the_publisher_or_others()
    {
        using var world = new UseCaseWorld();
        var bus = world.Bus;
        var user = world.Caller;
        user.SignIn(Guid.NewGuid());
        var slow = (await world.Get<WatchMyVideoEvents>().Handle()).Value!;
        var fast = (await world.Get<WatchMyVideoEvents>().Handle()).Value!;
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
            await bus.PublishAsync(
                new VideoEvent(
                    Guid.NewGuid(),
                    user.UserId!.Value,
                    VideoStatus.Processing,
                    "ENCODING",
                    i,
                    null,
                    null,
                    DateTimeOffset.UtcNow
                ),
                default
            );
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

    [Fact]
    public async Task Following_an_unknown_video_is_refused_before_anything_is_subscribed_on_the_bus()
    {
        using var world = new UseCaseWorld();
        var bus = world.Bus;
        var watch = world.Get<WatchVideoEvents>();

        var result = await watch.Handle(Guid.NewGuid(), default);

        Assert.Equal("VIDEO_NOT_FOUND", result.Errors[0].Code);
        Assert.Equal(0, bus.Subscribers);
    }

    [Fact]
    public async Task A_stranger_sees_only_ready_states_and_the_feed_ends_when_the_video_stops_being_public()
    {
        var now = DateTimeOffset.UtcNow;
        var video = Video.Create(Guid.NewGuid(), "clip", null, now);
        video.Edit(null, null, Visibility.Public, now);
        using var world = new UseCaseWorld();
        world.Videos.AddVideo(video);
        var bus = world.Bus;
        var watch = world.Get<WatchVideoEvents>();
        var feed = (await watch.Handle(video.Id, default)).Value!;

        await bus.PublishAsync(
            new VideoEvent(
                video.Id,
                video.OwnerId,
                VideoStatus.Processing,
                "ENCODING",
                50,
                null,
                null,
                now.AddSeconds(1)
            )
            {
                Visibility = Visibility.Public,
            },
            default
        );
        await bus.PublishAsync(
            new VideoEvent(video.Id, video.OwnerId, VideoStatus.Ready, null, 100, null, null, now.AddSeconds(2))
            {
                Visibility = Visibility.Public,
            },
            default
        );
        await bus.PublishAsync(
            new VideoEvent(video.Id, video.OwnerId, VideoStatus.Ready, null, 100, null, null, now.AddSeconds(3))
            {
                Visibility = Visibility.Private,
            },
            default
        );
        var seen = new List<VideoEvent>();
        await foreach (
            var e in feed
                .Events.ReadAllAsync()
                .WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token)
        )
        {
            seen.Add(e);
        }

        Assert.Equal([VideoStatus.Ready], seen.Select(e => e.Status));
        Assert.Null(seen[0].Stage);
    }
}
