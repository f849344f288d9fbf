using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Domain.Tests.Live;

public sealed class LiveStreamTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static LiveStream Stream(bool record = false) =>
        LiveStream.Create(Guid.NewGuid(), " Live ", null, Visibility.Public, record, "live_key", Now);

    [Fact]
    public void A_broadcast_connects_goes_live_drops_returns_and_ends()
    {
        var stream = Stream();
        Assert.Equal("Live", stream.Title);
        Assert.False(stream.MarkLive(Now));
        Assert.True(stream.BeginPublish(Now));
        Assert.False(stream.BeginPublish(Now)); // a second broadcaster while the first is connected
        Assert.True(stream.MarkLive(Now.AddSeconds(5)));
        Assert.True(stream.MarkDisconnected(Now.AddSeconds(60)));
        Assert.Equal(LiveStreamStatus.Reconnecting, stream.Status);
        Assert.Equal(Now.AddSeconds(60), stream.DisconnectedAt);
        Assert.True(stream.BeginPublish(Now.AddSeconds(70)));
        Assert.Equal(2, stream.Connections);
        Assert.Null(stream.DisconnectedAt);
        Assert.True(stream.MarkLive(Now.AddSeconds(75)));
        Assert.Equal(Now.AddSeconds(5), stream.StartedAt); // the first time on air
        Assert.True(stream.End(Now.AddSeconds(90), null, null));
        Assert.False(stream.End(Now.AddSeconds(91), "again", null));
        Assert.False(stream.BeginPublish(Now.AddSeconds(92)));
        Assert.False(stream.IsActive);
    }

    [Fact]
    public void Only_a_recorded_stream_that_went_on_air_hands_a_recording_over()
    {
        var never = Stream(record: true);
        Assert.False(never.WillBeRecorded);
        never.End(Now, null, Guid.NewGuid());
        Assert.Null(never.RecordingVideoId);
        Assert.False(never.RecordingPending);

        var recorded = Stream(record: true);
        recorded.BeginPublish(Now);
        recorded.MarkLive(Now);
        Assert.True(recorded.WillBeRecorded);
        var video = Guid.NewGuid();
        recorded.End(Now.AddMinutes(1), null, video);
        Assert.Equal(video, recorded.RecordingVideoId);
        Assert.True(recorded.RecordingPending);
        recorded.RecordingHandedOver(Now.AddMinutes(2));
        Assert.False(recorded.RecordingPending);
    }
}
