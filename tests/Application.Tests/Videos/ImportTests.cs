using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class ImportVideoTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_public_url_makes_a_waiting_video_with_its_import_and_private_or_bad_urls_make_nothing()
    {
        _world.SignIn();
        var import = _world.Get<ImportVideo>();

        var video = await import.Handle(new("https://media.example.com/clip.mp4", "Clip", null), default);
        var loopback = await import.Handle(new("https://127.0.0.1/clip.mp4", "Clip", null), default);
        var ftp = await import.Handle(new("ftp://media.example.com/clip.mp4", "Clip", null), default);
        var untitled = await import.Handle(new("https://media.example.com/clip.mp4", " ", null), default);

        Assert.Equal(VideoStatus.AwaitingUpload, video.Value!.Status);
        Assert.Equal(video.Value.Id, Assert.Single(_world.Imports.All).VideoId);
        Assert.Equal("URL_NOT_ALLOWED", loopback.Errors[0].Code);
        Assert.Equal("INVALID_URL", ftp.Errors[0].Code);
        Assert.Equal("INVALID_TITLE", untitled.Errors[0].Code);
        Assert.Single(_world.Videos.All);
    }

    [Fact]
    public async Task At_most_three_imports_wait_per_account_and_nobody_imports_anonymously()
    {
        _world.SignIn();
        for (var i = 0; i < VideoImport.MaxPendingPerOwner; i++)
        {
            await _world.Get<ImportVideo>().Handle(new("https://media.example.com/a.mp4", "A", null), default);
        }

        var fourth = await _world.Get<ImportVideo>().Handle(new("https://media.example.com/a.mp4", "A", null), default);
        _world.Caller.SignOut();
        var anonymous = await _world
            .Get<ImportVideo>()
            .Handle(new("https://media.example.com/a.mp4", "A", null), default);

        Assert.Equal("QUOTA_EXCEEDED", fourth.Errors[0].Code);
        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
        Assert.Equal(VideoImport.MaxPendingPerOwner, _world.Imports.All.Count);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class AcceptImportedSourceTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_fetched_video_goes_to_the_pipeline_and_a_failed_fetch_fails_the_video_with_its_reason()
    {
        var owner = _world.AddUser();
        var fetched = _world.AddVideo(owner.Id, VideoStatus.AwaitingUpload);
        var unreachable = _world.AddVideo(owner.Id, VideoStatus.AwaitingUpload);
        var accept = _world.Get<AcceptImportedSource>();

        await accept.Handle(new(fetched.Id, null), default);
        await accept.Handle(new(unreachable.Id, "The URL answered HTTP 404 (NotFound)."), default);
        var again = await accept.Handle(new(fetched.Id, "late failure"), default);

        Assert.Equal(VideoStatus.Processing, fetched.Status);
        Assert.Equal([fetched.Id], _world.Pipeline.Started);
        Assert.Equal(
            (VideoStatus.Failed, "The URL answered HTTP 404 (NotFound)."),
            (unreachable.Status, unreachable.FailureReason)
        );
        Assert.Equal(VideoStatus.Processing, again.Value!.Status);
        Assert.Equal(2, _world.Bus.Published.Count);
    }

    [Fact]
    public async Task A_fetched_file_that_is_not_a_video_fails_and_its_bytes_go()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id, VideoStatus.AwaitingUpload);
        _world.Inspector.Next = new SourceInspection(false, "Not a video.", 0, 0, 0, 10);

        await _world.Get<AcceptImportedSource>().Handle(new(video.Id, null), default);

        Assert.Equal((VideoStatus.Failed, "Not a video."), (video.Status, video.FailureReason));
        Assert.Equal([video.Id], _world.Storage.SourcesDeleted);
        Assert.Empty(_world.Pipeline.Started);
    }

    public void Dispose() => _world.Dispose();
}
