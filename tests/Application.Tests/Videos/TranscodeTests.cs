using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class ReportTranscodeProgressTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Progress_moves_forward_only_and_a_late_report_publishes_nothing()
    {
        var video = _world.AddVideo(_world.AddUser().Id, VideoStatus.Processing);
        var report = _world.Get<ReportTranscodeProgress>();

        await report.Handle(new(video.Id, "ENCODING", 40, "720p"), default);
        await report.Handle(new(video.Id, "ENCODING", 20, "720p"), default);

        Assert.Equal(40, video.ProgressPercent);
        Assert.Equal("720p", Assert.Single(_world.Bus.Published).Rendition);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class MarkVideoReadyTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_processing_video_becomes_ready_its_source_goes_and_a_second_report_changes_nothing()
    {
        var video = _world.AddVideo(_world.AddUser().Id, VideoStatus.Processing);
        var result = new TranscodedVideo(video.Id, _world.Outputs.Renditions, 12, 1280, 720);

        await _world.Get<MarkVideoReady>().Handle(result, default);
        await _world.Get<MarkVideoReady>().Handle(result, default);

        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Equal([video.Id], _world.Storage.SourcesDeleted);
        Assert.Single(_world.Bus.Published);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class MarkVideoFailedTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_failure_keeps_its_first_reason_removes_the_files_and_never_fails_a_ready_video()
    {
        var owner = _world.AddUser();
        var processing = _world.AddVideo(owner.Id, VideoStatus.Processing);
        var ready = _world.AddVideo(owner.Id);

        await _world.Get<MarkVideoFailed>().Handle(new(processing.Id, "first"), default);
        await _world.Get<MarkVideoFailed>().Handle(new(processing.Id, "second"), default);
        await _world.Get<MarkVideoFailed>().Handle(new(ready.Id, "late"), default);

        Assert.Equal("first", processing.FailureReason);
        Assert.Equal(VideoStatus.Ready, ready.Status);
        Assert.Equal([processing.Id], _world.Storage.MediaDeleted);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ApplyPipelineStatusTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_late_processing_report_cannot_undo_ready()
    {
        var video = _world.AddVideo(_world.AddUser().Id, VideoStatus.Processing);
        var apply = _world.Get<ApplyPipelineStatus>();

        Assert.True(await apply.Handle(new(video.Id, "READY", null, null, null), default));
        Assert.True(await apply.Handle(new(video.Id, "PROCESSING", "ENCODING", 50, null), default));

        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Equal(_world.Outputs.Renditions, video.Renditions);
    }

    [Fact]
    public async Task Success_without_a_rendition_fails_the_video_and_an_unknown_video_or_status_is_ignored()
    {
        var video = _world.AddVideo(_world.AddUser().Id, VideoStatus.Processing);
        _world.Outputs.Renditions.Clear();
        var apply = _world.Get<ApplyPipelineStatus>();

        Assert.True(await apply.Handle(new(video.Id, "READY", null, null, null), default));
        Assert.False(await apply.Handle(new(Guid.NewGuid(), "READY", null, null, null), default));
        Assert.False(await apply.Handle(new(video.Id, "DANCING", null, null, null), default));

        Assert.Equal(VideoStatus.Failed, video.Status);
    }

    [Fact]
    public void A_message_that_is_not_a_status_is_not_read()
    {
        Assert.Null(PipelineStatus.TryParse("{\"videoId\":\"nope\",\"status\":\"READY\"}"));
        Assert.Null(PipelineStatus.TryParse("[1,2]"));
        Assert.Equal(
            50,
            PipelineStatus
                .TryParse($"{{\"videoId\":\"{Guid.Empty}\",\"status\":\"PROCESSING\",\"percent\":50}}")!
                .Percent
        );
    }

    public void Dispose() => _world.Dispose();
}

public sealed class WatchVideoEventsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_private_video_cannot_be_followed_by_a_stranger_but_its_owner_sees_progress()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id, VideoStatus.Processing, Visibility.Private);

        var stranger = await _world.Get<WatchVideoEvents>().Handle(video.Id, default);
        _world.Caller.SignIn(owner.Id);
        await using var feed = (await _world.Get<WatchVideoEvents>().Handle(video.Id, default)).Value!;
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        await _world.Get<ReportTranscodeProgress>().Handle(new(video.Id, "ENCODING", 30, null), default);

        Assert.Equal("VIDEO_NOT_FOUND", stranger.Errors[0].Code);
        Assert.True(feed.Events.TryRead(out var current));
        Assert.True(feed.Events.TryRead(out var progress));
        Assert.Equal("QUEUED", current.Stage);
        Assert.Equal(30, progress.Percent);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class WatchMyVideoEventsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Only_a_signed_in_user_follows_their_videos_and_sees_no_one_elses()
    {
        var anonymous = await _world.Get<WatchMyVideoEvents>().Handle();
        var me = _world.SignIn();
        await using var feed = (await _world.Get<WatchMyVideoEvents>().Handle()).Value!;
        var mine = _world.AddVideo(me.Id, VideoStatus.Processing);
        var theirs = _world.AddVideo(_world.AddUser("bob_films").Id, VideoStatus.Processing);

        await _world.Get<MarkVideoFailed>().Handle(new(theirs.Id, "x"), default);
        await _world.Get<MarkVideoFailed>().Handle(new(mine.Id, "y"), default);

        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
        Assert.True(feed.Events.TryRead(out var only));
        Assert.Equal(mine.Id, only.VideoId);
        Assert.False(feed.Events.TryRead(out _));
    }

    public void Dispose() => _world.Dispose();
}
