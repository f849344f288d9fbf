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

public sealed class BeginVideoThumbnailUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_owner_gets_a_signed_upload_within_the_image_limits()
    {
        var owner = _world.AddUser("owner");
        var stranger = _world.AddUser("stranger");
        var video = _world.AddVideo(owner.Id);
        var begin = _world.Get<BeginVideoThumbnailUpload>();

        _world.Caller.SignIn(stranger.Id);
        var foreign = await begin.Handle(new(video.Id, 1000), default);
        _world.Caller.SignIn(owner.Id);
        var empty = await begin.Handle(new(video.Id, 0), default);
        var huge = await begin.Handle(new(video.Id, 10 * 1024 * 1024 + 1), default);
        var upload = await begin.Handle(new(video.Id, 1000), default);
        _world.Images.Pending.UnionWith(new[] { "a", "b", "c" }.Select(t => $"{owner.Id:N}-{t}"));
        var crowded = await begin.Handle(new(video.Id, 1000), default);
        _world.Media.Supported = false;
        var unsupported = await begin.Handle(new(video.Id, 1000), default);

        Assert.Equal("NOT_OWNER", Assert.Single(foreign.Errors).Code);
        Assert.All(new[] { empty, huge }, r => Assert.Equal("IMAGE_TOO_LARGE", Assert.Single(r.Errors).Code));
        Assert.True(upload.Succeeded);
        Assert.Contains(upload.Value.Token, _world.Media.ThumbnailUploads.Keys);
        Assert.Equal("QUOTA_EXCEEDED", Assert.Single(crowded.Errors).Code);
        Assert.Equal("UNAVAILABLE_ON_PIPELINE", Assert.Single(unsupported.Errors).Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class CompleteVideoThumbnailUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task An_uploaded_image_becomes_the_poster_and_the_old_sizes_go()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);
        await _world.Get<SetVideoThumbnail>().Handle(new(video.Id, 4), default);
        var frameFiles = video.Thumbnails.Select(t => t.File).ToList();
        var upload = await _world.Get<BeginVideoThumbnailUpload>().Handle(new(video.Id, 1000), default);

        var done = await _world.Get<CompleteVideoThumbnailUpload>().Handle(new(video.Id, upload.Value!.Token), default);
        var again = await _world.Get<CompleteVideoThumbnailUpload>().Handle(new(video.Id, upload.Value.Token), default);

        Assert.True(done.Succeeded);
        Assert.Equal([(1280, 720), (320, 180)], video.Thumbnails.Select(t => (t.Width, t.Height)));
        Assert.All(video.Thumbnails, t => Assert.Equal("uploaded image", _world.Media.Files[(video.Id, t.File)]));
        Assert.All(frameFiles, f => Assert.DoesNotContain((video.Id, f), _world.Media.Files.Keys));
        Assert.Equal("INVALID_IMAGE", Assert.Single(again.Errors).Code);
        Assert.Equal(2, _world.Bus.Published.Count);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_another_users_token_changes_nothing()
    {
        var owner = _world.AddUser("owner");
        var other = _world.AddUser("other");
        var video = _world.AddVideo(owner.Id);
        var others = _world.AddVideo(other.Id);
        _world.Caller.SignIn(other.Id);
        var foreignUpload = await _world.Get<BeginVideoThumbnailUpload>().Handle(new(others.Id, 10), default);
        _world.Caller.SignIn(owner.Id);
        var upload = await _world.Get<BeginVideoThumbnailUpload>().Handle(new(video.Id, 10), default);
        _world.Media.ThumbnailUploads[upload.Value!.Token] = false;
        var complete = _world.Get<CompleteVideoThumbnailUpload>();

        var notImage = await complete.Handle(new(video.Id, upload.Value.Token), default);
        var foreign = await complete.Handle(new(video.Id, foreignUpload.Value!.Token), default);
        var missing = await complete.Handle(new(video.Id, null), default);

        Assert.All(
            new[] { notImage, foreign, missing },
            r => Assert.Equal(("INVALID_IMAGE", "token"), (Assert.Single(r.Errors).Code, r.Errors[0].Field))
        );
        Assert.Empty(video.Thumbnails);
        Assert.Empty(_world.Bus.Published);
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
