using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Tests.Live;

public sealed class WatchLiveStreamTests : LiveTestBase
{
    [Fact]
    public async Task A_follower_gets_the_state_now_then_each_change_and_the_feed_completes_after_the_end()
    {
        World.SignIn();
        var stream = await CreateAsync();
        var feed = (await World.Get<WatchLiveStream>().Handle(stream.Id, default)).Value!;

        await World.Get<AuthorizeLivePublish>().Handle(stream.StreamKey, default);
        World.Clock.Advance(TimeSpan.FromSeconds(1));
        await World.Get<ReportLiveIngest>().Handle(new(stream.Id, LiveIngestChange.SegmentsOut), default);
        World.Clock.Advance(TimeSpan.FromSeconds(1));
        await World.Get<EndLiveStream>().Handle(stream.Id, default);

        var seen = new List<LiveStreamStatus>();
        await foreach (var e in feed.Events.ReadAllAsync())
        {
            seen.Add(e.Status);
        }

        Assert.Equal(
            [LiveStreamStatus.Idle, LiveStreamStatus.Connecting, LiveStreamStatus.Live, LiveStreamStatus.Ended],
            seen
        );
    }

    [Fact]
    public async Task A_private_stream_cannot_be_followed_by_a_stranger()
    {
        World.SignIn();
        var hidden = (
            await World.Get<CreateLiveStream>().Handle(new("Hidden", null, Visibility.Private, false), default)
        ).Value!;
        World.SignIn("bob_films");
        var result = await World.Get<WatchLiveStream>().Handle(hidden.Id, default);
        Assert.Equal("LIVE_STREAM_NOT_FOUND", result.Errors[0].Code);
    }
}
