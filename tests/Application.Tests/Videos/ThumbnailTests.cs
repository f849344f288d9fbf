using StreamEngine.Application.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class SetVideoThumbnailTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_new_poster_replaces_the_old_sizes_and_bad_times_change_nothing()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);

        var first = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 4), default);
        var firstFiles = video.Thumbnails.Select(t => t.File).ToList();
        var second = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 2.5), default);
        var late = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 10.5), default);
        var negative = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, -1), default);
        var nan = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, double.NaN), default);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal([(1280, 720), (320, 180)], video.Thumbnails.Select(t => (t.Width, t.Height)));
        Assert.All(firstFiles, f => Assert.DoesNotContain((video.Id, f), _world.Media.Files.Keys));
        Assert.All(video.Thumbnails, t => Assert.Equal("frame at 2.5", _world.Media.Files[(video.Id, t.File)]));
        Assert.All(new[] { late, negative, nan }, r => Assert.Equal("INVALID_TIME", Assert.Single(r.Errors).Code));
        Assert.Equal(2, _world.Bus.Published.Count);
    }

    [Fact]
    public async Task Strangers_and_pipelines_without_thumbnails_are_refused()
    {
        var owner = _world.AddUser("owner");
        var stranger = _world.AddUser("stranger");
        var video = _world.AddVideo(owner.Id);

        _world.Caller.SignIn(stranger.Id);
        var foreign = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 1), default);
        _world.Caller.SignIn(owner.Id);
        _world.Media.Supported = false;
        var unsupported = await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 1), default);

        Assert.Equal("NOT_OWNER", Assert.Single(foreign.Errors).Code);
        Assert.Equal("UNAVAILABLE_ON_PIPELINE", Assert.Single(unsupported.Errors).Code);
        Assert.Empty(video.Thumbnails);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetThumbnailsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_pipelines_poster_until_the_owner_chooses_a_frame_then_its_sizes_largest_first()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        var before = _world.Get<GetThumbnails>().Handle(video);
        _world.Caller.SignIn(owner.Id);
        await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 3), default);

        var after = _world.Get<GetThumbnails>().Handle(video);

        var poster = Assert.Single(before);
        Assert.Equal((1280, 720), (poster.Width, poster.Height));
        Assert.EndsWith("/poster.jpg", poster.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal([1280, 320], after.Select(t => t.Width));
        Assert.Contains("/thumbnails/", after[0].Url.AbsolutePath, StringComparison.Ordinal);
    }

    public void Dispose() => _world.Dispose();
}
