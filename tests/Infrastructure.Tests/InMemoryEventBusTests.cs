using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Messaging;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>The embedded bus finds the subscriptions an event concerns through its indexes by video and by owner:
/// each gets the event once, nobody else gets it, and leaving or failing touches no one else.</summary>
public sealed class InMemoryEventBusTests
{
    private readonly InMemoryEventBus _bus = new(NullLogger<InMemoryEventBus>.Instance);

    private static VideoEvent Event(Guid video, Guid owner) =>
        new(video, owner, VideoStatus.Processing, "encode", 10, null, null, DateTimeOffset.UnixEpoch);

    private async Task<(List<VideoEvent> Seen, IAsyncDisposable Subscription)> SubscribeAsync(Guid? video, Guid? owner)
    {
        var seen = new List<VideoEvent>();
        var subscription = await _bus.SubscribeAsync(
            video,
            owner,
            e =>
            {
                seen.Add(e);
                return ValueTask.CompletedTask;
            }
        );
        return (seen, subscription);
    }

    [Fact]
    public async Task An_event_reaches_the_subscribers_of_its_video_and_of_its_owner_once_each_and_no_one_else()
    {
        var (video, owner) = (Guid.NewGuid(), Guid.NewGuid());
        var (ofVideo, _) = await SubscribeAsync(video, null);
        var (ofOwner, _) = await SubscribeAsync(null, owner);
        var (ofBoth, _) = await SubscribeAsync(video, owner);
        var (ofOtherVideo, _) = await SubscribeAsync(Guid.NewGuid(), null);
        var (ofOtherOwner, _) = await SubscribeAsync(null, Guid.NewGuid());
        var (ofNothing, _) = await SubscribeAsync(null, null);

        await _bus.PublishAsync(Event(video, owner), default);

        Assert.Single(ofVideo);
        Assert.Single(ofOwner);
        Assert.Single(ofBoth);
        Assert.Empty(ofOtherVideo);
        Assert.Empty(ofOtherOwner);
        Assert.Empty(ofNothing);
    }

    [Fact]
    public async Task A_subscription_that_left_gets_nothing_and_the_others_of_the_same_video_still_do()
    {
        var (video, owner) = (Guid.NewGuid(), Guid.NewGuid());
        var (leaving, subscription) = await SubscribeAsync(video, owner);
        var (staying, _) = await SubscribeAsync(video, null);

        await subscription.DisposeAsync();
        await subscription.DisposeAsync();
        await _bus.PublishAsync(Event(video, owner), default);

        Assert.Empty(leaving);
        Assert.Single(staying);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others_or_the_publisher()
    {
        var owner = Guid.NewGuid();
        await _bus.SubscribeAsync(null, owner, _ => throw new InvalidOperationException("broken"));
        var (after, _) = await SubscribeAsync(null, owner);

        await _bus.PublishAsync(Event(Guid.NewGuid(), owner), default);

        Assert.Single(after);
    }
}
