using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class UpdateVideoTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_owner_edits_and_every_change_but_no_other_is_published()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id);

        var renamed = await _world.Get<UpdateVideo>().Handle(new(video.Id, "New title", null, null), default);
        var hidden = await _world.Get<UpdateVideo>().Handle(new(video.Id, null, null, Visibility.Private), default);
        await _world.Get<UpdateVideo>().Handle(new(video.Id, "New title", null, Visibility.Private), default);

        Assert.Equal("New title", renamed.Value!.Title);
        Assert.Equal(Visibility.Private, hidden.Value!.Visibility);
        Assert.Equal([Visibility.Public, Visibility.Private], _world.Bus.Published.Select(e => e.Visibility));
    }

    [Fact]
    public async Task A_stranger_is_refused_a_visible_video_and_told_nothing_of_a_private_one()
    {
        var owner = _world.AddUser();
        var shown = _world.AddVideo(owner.Id);
        var hidden = _world.AddVideo(owner.Id, visibility: Visibility.Private);
        _world.SignIn("bob_films");

        var visible = await _world.Get<UpdateVideo>().Handle(new(shown.Id, "Mine now", null, null), default);
        var secret = await _world.Get<UpdateVideo>().Handle(new(hidden.Id, "Mine now", null, null), default);

        Assert.Equal("NOT_OWNER", visible.Errors[0].Code);
        Assert.Equal("VIDEO_NOT_FOUND", secret.Errors[0].Code);
        Assert.NotEqual("Mine now", shown.Title);
    }

    [Fact]
    public async Task An_empty_title_is_refused_and_changes_nothing()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id);

        var result = await _world.Get<UpdateVideo>().Handle(new(video.Id, "  ", null, Visibility.Private), default);

        Assert.Equal("INVALID_TITLE", result.Errors[0].Code);
        Assert.Equal(Visibility.Public, video.Visibility);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class DeleteVideoTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Deleting_a_processing_video_cancels_its_transcode_and_removes_rows_before_files()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id, VideoStatus.Processing);

        var result = await _world.Get<DeleteVideo>().Handle(video.Id, default);

        Assert.Equal(video.Id, result.Value);
        Assert.Empty(_world.Videos.All);
        Assert.Equal([video.Id], _world.Pipeline.Cancelled);
        Assert.Equal([video.Id], _world.Storage.MediaDeleted);
        Assert.Equal([video.Id], _world.Pipeline.OutputsDeleted);
    }

    [Fact]
    public async Task Only_the_owner_deletes()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.SignIn("bob_films");

        var result = await _world.Get<DeleteVideo>().Handle(video.Id, default);

        Assert.Equal("NOT_OWNER", result.Errors[0].Code);
        Assert.Single(_world.Videos.All);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetVideoTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_private_or_unfinished_video_exists_for_its_owner_only()
    {
        var owner = _world.AddUser();
        var hidden = _world.AddVideo(owner.Id, visibility: Visibility.Private);
        var processing = _world.AddVideo(owner.Id, VideoStatus.Processing);
        var shown = _world.AddVideo(owner.Id);

        Assert.Null(await _world.Get<GetVideo>().Handle(hidden.Id, default));
        Assert.Null(await _world.Get<GetVideo>().Handle(processing.Id, default));
        Assert.Same(shown, await _world.Get<GetVideo>().Handle(shown.Id, default));
        _world.Caller.SignIn(owner.Id);
        Assert.Same(hidden, await _world.Get<GetVideo>().Handle(hidden.Id, default));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetPlaybackTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public void Urls_are_signed_for_the_owner_or_the_public_and_never_for_an_unfinished_video()
    {
        var owner = _world.AddUser();
        var ready = _world.AddVideo(owner.Id);
        var processing = _world.AddVideo(owner.Id, VideoStatus.Processing);

        var anonymous = _world.Get<GetPlayback>().Handle(ready);
        _world.Caller.SignIn(owner.Id);
        var own = _world.Get<GetPlayback>().Handle(ready);

        Assert.Contains("/Public/", anonymous!.HlsUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("/Owner/", own!.HlsUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Null(_world.Get<GetPlayback>().Handle(processing));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class CheckPublicPlaybackTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_video_made_private_stops_being_publicly_watchable()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);

        var before = await _world.Get<CheckPublicPlayback>().Handle(video.Id, default);
        video.Edit(null, null, Visibility.Private, _world.Clock.UtcNow);
        var after = await _world.Get<CheckPublicPlayback>().Handle(video.Id, default);

        Assert.True(before);
        Assert.False(after);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetStoryboardTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public void The_storyboard_is_signed_beside_the_playback_and_only_for_who_may_watch()
    {
        var owner = _world.AddUser();
        var ready = _world.AddVideo(owner.Id);
        var hidden = _world.AddVideo(owner.Id, visibility: Visibility.Private);
        _world.Outputs.Storyboard = null;
        var without = _world.AddVideo(owner.Id);

        var storyboard = _world.Get<GetStoryboard>().Handle(ready);

        Assert.NotNull(storyboard);
        Assert.Equal(
            (1, 160, 90, 10),
            (
                storyboard.Layout.IntervalSeconds,
                storyboard.Layout.TileWidth,
                storyboard.Layout.TileHeight,
                storyboard.Layout.Count
            )
        );
        Assert.EndsWith("/Public/storyboard/storyboard.vtt", storyboard.VttUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith("/Public/storyboard/sprite.jpg", storyboard.SpriteUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Null(_world.Get<GetStoryboard>().Handle(hidden));
        Assert.Null(_world.Get<GetStoryboard>().Handle(without));
    }

    public void Dispose() => _world.Dispose();
}
