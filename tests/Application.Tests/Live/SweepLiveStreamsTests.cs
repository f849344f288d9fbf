using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Tests.Live;

public sealed class SweepLiveStreamsTests : LiveTestBase
{
    [Fact]
    public async Task A_dropped_broadcaster_may_return_within_the_window_after_which_the_stream_ends()
    {
        World.SignIn();
        var stream = await CreateAsync();
        await World.Get<AuthorizeLivePublish>().Handle(stream.StreamKey, default);
        await World.Get<ReportLiveIngest>().Handle(new(stream.Id, LiveIngestChange.SegmentsOut), default);
        Assert.Equal(LiveStreamStatus.Live, stream.Status);
        await World.Get<ReportLiveIngest>().Handle(new(stream.Id, LiveIngestChange.Disconnected), default);
        Assert.Equal(LiveStreamStatus.Reconnecting, stream.Status);

        // Back within the window: the same stream.
        World.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await World.Get<AuthorizeLivePublish>().Handle(stream.StreamKey, default)).Succeeded);
        await World.Get<ReportLiveIngest>().Handle(new(stream.Id, LiveIngestChange.Disconnected), default);

        World.Clock.Advance(TimeSpan.FromSeconds(59));
        await World.Get<SweepLiveStreams>().Handle(default);
        Assert.Equal(LiveStreamStatus.Reconnecting, stream.Status);
        World.Clock.Advance(TimeSpan.FromSeconds(2));
        await World.Get<SweepLiveStreams>().Handle(default);
        Assert.Equal(LiveStreamStatus.Ended, stream.Status);
        Assert.Contains("did not return", stream.EndReason, StringComparison.Ordinal);
        Assert.Equal(
            "LIVE_STREAM_ENDED",
            (await World.Get<AuthorizeLivePublish>().Handle(stream.StreamKey, default)).Errors[0].Code
        );
        Assert.Contains(stream.Id, World.LiveRecordings.Deleted);
        Assert.Equal(
            [
                LiveStreamStatus.Connecting,
                LiveStreamStatus.Live,
                LiveStreamStatus.Reconnecting,
                LiveStreamStatus.Connecting,
                LiveStreamStatus.Reconnecting,
                LiveStreamStatus.Ended,
            ],
            World.LiveEvents.Published.Select(e => e.Status)
        );
    }
}
