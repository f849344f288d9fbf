using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class RequestVideoDownloadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_owner_starts_one_download_a_second_request_is_busy_and_a_lost_one_is_taken_over()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);

        var first = await _world.Get<RequestVideoDownload>().Handle(video.Id, default);
        var busy = await _world.Get<RequestVideoDownload>().Handle(video.Id, default);
        _world.Downloads.Running.Clear();
        var takenOver = await _world.Get<RequestVideoDownload>().Handle(video.Id, default);

        Assert.Equal(DownloadState.Preparing, first.Value!.DownloadState);
        Assert.Equal("DOWNLOAD_BUSY", Assert.Single(busy.Errors).Code);
        Assert.True(takenOver.Succeeded);
        Assert.Equal(2, _world.Downloads.Started.Count);
        Assert.StartsWith("download/", _world.Downloads.Started[0].File, StringComparison.Ordinal);
        Assert.Equal(2, _world.Bus.Published.Count);
    }

    [Fact]
    public async Task Strangers_unready_videos_and_pipelines_without_downloads_are_refused()
    {
        var owner = _world.AddUser("owner");
        var stranger = _world.AddUser("stranger");
        var video = _world.AddVideo(owner.Id);
        var processing = _world.AddVideo(owner.Id, VideoStatus.Processing);

        _world.Caller.SignIn(stranger.Id);
        var foreign = await _world.Get<RequestVideoDownload>().Handle(video.Id, default);
        _world.Caller.SignIn(owner.Id);
        var unready = await _world.Get<RequestVideoDownload>().Handle(processing.Id, default);
        _world.Media.Supported = false;
        var unsupported = await _world.Get<RequestVideoDownload>().Handle(video.Id, default);

        Assert.Equal("NOT_OWNER", Assert.Single(foreign.Errors).Code);
        Assert.Equal("VIDEO_NOT_READY", Assert.Single(unready.Errors).Code);
        Assert.Equal("UNAVAILABLE_ON_PIPELINE", Assert.Single(unsupported.Errors).Code);
        Assert.Empty(_world.Downloads.Started);
        Assert.Equal(DownloadState.None, video.DownloadState);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class CompleteVideoDownloadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_made_download_becomes_ready_a_failure_is_recorded_and_a_stale_file_is_removed()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        var other = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);
        await _world.Get<RequestVideoDownload>().Handle(video.Id, default);
        await _world.Get<RequestVideoDownload>().Handle(other.Id, default);
        var file = _world.Downloads.Started[0].File;

        await _world.Get<CompleteVideoDownload>().Handle(new(video.Id, file, 4242), default);
        await _world.Get<CompleteVideoDownload>().Handle(new(other.Id, "download/x.mp4", null), default);
        _world.Media.Files[(video.Id, "download/late.mp4")] = "mp4";
        await _world.Get<CompleteVideoDownload>().Handle(new(video.Id, "download/late.mp4", 1), default);

        Assert.Equal(
            (DownloadState.Ready, file, 4242L),
            (video.DownloadState, video.DownloadFile, video.DownloadSizeBytes)
        );
        Assert.Equal(DownloadState.Failed, other.DownloadState);
        Assert.DoesNotContain((video.Id, "download/late.mp4"), _world.Media.Files.Keys);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetDownloadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Viewers_see_a_ready_download_only_when_the_owner_allows_it()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);
        await _world.Get<RequestVideoDownload>().Handle(video.Id, default);
        var preparing = _world.Get<GetDownload>().Handle(video);
        await _world.Get<CompleteVideoDownload>().Handle(new(video.Id, _world.Downloads.Started[0].File, 10), default);

        _world.Caller.SignOut();
        var hidden = _world.Get<GetDownload>().Handle(video);
        video.SetAllowDownloads(true, _world.Clock.UtcNow);
        var shown = _world.Get<GetDownload>().Handle(video);

        Assert.Equal((DownloadState.Preparing, null), (preparing!.State, preparing.Url));
        Assert.Null(hidden);
        Assert.Equal(10, shown!.SizeBytes);
        Assert.EndsWith(".mp4", shown.Url!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("/Public/download/", shown.Url.AbsolutePath, StringComparison.Ordinal);
    }

    public void Dispose() => _world.Dispose();
}
