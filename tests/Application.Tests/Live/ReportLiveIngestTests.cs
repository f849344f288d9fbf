using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Tests.Live;

public sealed class ReportLiveIngestTests : LiveTestBase
{
    [Fact]
    public async Task A_stream_that_never_went_live_ends_without_a_video_and_a_refused_codec_ends_it_with_the_reason()
    {
        World.SignIn();
        var quiet = await CreateAsync(record: true);
        await World.Get<EndLiveStream>().Handle(quiet.Id, default);
        Assert.Null(quiet.RecordingVideoId);
        Assert.Empty(World.Videos.All);

        var old = await CreateAsync(title: "Old codec");
        await World.Get<AuthorizeLivePublish>().Handle(old.StreamKey, default);
        await World.Get<ReportLiveIngest>().Handle(new(old.Id, LiveIngestChange.Refused, "Send H.264."), default);
        Assert.Equal(LiveStreamStatus.Ended, old.Status);
        Assert.Equal("Send H.264.", old.EndReason);
    }
}
