using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Tests.Live;

public sealed class EndLiveStreamTests : LiveTestBase
{
    [Fact]
    public async Task Ending_a_recorded_broadcast_makes_a_video_that_gets_the_recording_as_its_source()
    {
        var owner = World.SignIn().Id;
        var stream = await CreateAsync(record: true);
        await World.Get<AuthorizeLivePublish>().Handle(stream.StreamKey, default);
        await World.Get<ReportLiveIngest>().Handle(new(stream.Id, LiveIngestChange.SegmentsOut), default);
        World.LiveIngest.Publishing.Add(stream.Id);

        var ended = await World.Get<EndLiveStream>().Handle(stream.Id, default);
        Assert.Equal(LiveStreamStatus.Ended, ended.Value!.Status);
        Assert.Contains(stream.Id, World.LiveIngest.Disconnected);
        var video = await World.Videos.FindVideoAsync(stream.RecordingVideoId!.Value, default);
        Assert.Equal(VideoStatus.AwaitingUpload, video!.Status);
        Assert.Equal(owner, video.OwnerId);
        Assert.True(stream.RecordingPending);

        // The sweep hands the joined recording over: the video proceeds as an upload.
        World.LiveRecordings.Files[stream.Id] = "/tmp/joined.mp4";
        await World.Get<SweepLiveStreams>().Handle(default);
        Assert.False(stream.RecordingPending);
        Assert.Equal(VideoStatus.Processing, video.Status);
        Assert.Contains(video.Id, World.Pipeline.Started);
        Assert.Contains(stream.Id, World.LiveRecordings.Deleted);

        // Ending again changes nothing; a stranger cannot end or see someone's private stream.
        Assert.True((await World.Get<EndLiveStream>().Handle(stream.Id, default)).Succeeded);
        World.SignIn("bob_films");
        Assert.Equal(
            "LIVE_STREAM_NOT_FOUND",
            (await World.Get<EndLiveStream>().Handle(stream.Id, default)).Errors[0].Code
        );
        Assert.Equal(
            "LIVE_STREAM_NOT_FOUND",
            (await World.Get<RotateStreamKey>().Handle(stream.Id, default)).Errors[0].Code
        );
    }
}
