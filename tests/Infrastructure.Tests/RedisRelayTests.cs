using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>Rare events across instances over one Redis channel (real Redis): a live stream's change published on one
/// instance reaches the other's subscribers of that stream and no one else's; a malformed message on the channel is
/// dropped and what follows still arrives.</summary>
public sealed class RedisRelayTests
{
    [Fact]
    public async Task A_live_stream_event_published_on_one_instance_reaches_the_other_and_garbage_is_dropped()
    {
        var options = Options.Create(
            new RedisOptions
            {
                ConnectionString = TestEnvironment.Require(TestEnvironment.Redis),
                KeyPrefix = $"relay-{Guid.NewGuid():N}:",
            }
        );
        await using var first = new RedisConnection(options);
        await using var second = new RedisConnection(options);
        using var publisher = Events(first, options);
        using var listener = Events(second, options);
        var (watched, other) = (Guid.NewGuid(), Guid.NewGuid());
        var heard = new List<LiveStreamEvent>();
        var arrived = new SemaphoreSlim(0);
        await using var subscription = await listener.SubscribeAsync(
            watched,
            e =>
            {
                lock (heard)
                {
                    heard.Add(e);
                }

                arrived.Release();
                return ValueTask.CompletedTask;
            }
        );

        await (await first.GetAsync())
            .GetSubscriber()
            .PublishAsync(RedisChannel.Literal(options.Value.KeyPrefix + "events:live"), "{not json");
        await publisher.PublishAsync(Event(other, LiveStreamStatus.Live), default);
        await publisher.PublishAsync(Event(watched, LiveStreamStatus.Live), default);

        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await arrived.WaitAsync(TimeSpan.FromMilliseconds(300)));
        var only = Assert.Single(heard);
        Assert.Equal((watched, LiveStreamStatus.Live, 3), (only.StreamId, only.Status, only.ViewerCount));
    }

    private static RedisLiveStreamEvents Events(RedisConnection connection, IOptions<RedisOptions> options) =>
        new(
            connection,
            options,
            NullLogger<RedisLiveStreamEvents>.Instance,
            NullLogger<InMemoryLiveStreamEvents>.Instance
        );

    private static LiveStreamEvent Event(Guid stream, LiveStreamStatus status) =>
        new(stream, Guid.NewGuid(), status, Visibility.Public, 3, DateTimeOffset.UtcNow);
}
