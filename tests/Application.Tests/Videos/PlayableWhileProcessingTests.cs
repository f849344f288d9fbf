using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class MarkVideoPlayableTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_processing_video_becomes_playable_once_and_says_so_on_the_bus()
    {
        var video = _world.AddVideo(_world.AddUser().Id, VideoStatus.Processing);
        var ready = _world.AddVideo(_world.AddUser("bob_films").Id);

        await _world.Get<MarkVideoPlayable>().Handle(video.Id, default);
        await _world.Get<MarkVideoPlayable>().Handle(video.Id, default);
        await _world.Get<MarkVideoPlayable>().Handle(ready.Id, default);
        await _world.Get<MarkVideoPlayable>().Handle(Guid.NewGuid(), default);

        var published = Assert.Single(_world.Bus.Published);
        Assert.Equal(
            (video.Id, VideoStatus.Processing, true),
            (published.VideoId, published.Status, published.Playable)
        );
        Assert.True(video.PlayableWhileProcessing);
        Assert.False(ready.PlayableWhileProcessing);
    }

    [Fact]
    public async Task Anyone_may_watch_a_public_video_once_it_is_playable_and_followers_hear_of_it()
    {
        var video = _world.AddVideo(_world.AddUser().Id, VideoStatus.Processing);
        _world.SignIn("viewer_one");

        Assert.Null(_world.Get<GetPlayback>().Handle(video));
        await using var feed = (await _world.Get<WatchVideoEvents>().Handle(video.Id, default)).Value!;
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        await _world.Get<ReportTranscodeProgress>().Handle(new(video.Id, "ENCODING", 10, null), default);
        await _world.Get<MarkVideoPlayable>().Handle(video.Id, default);
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        await _world.Get<ReportTranscodeProgress>().Handle(new(video.Id, "ENCODING", 50, null), default);

        Assert.NotNull(_world.Get<GetPlayback>().Handle(video));
        Assert.True(await _world.Get<CheckPublicPlayback>().Handle(video.Id, default));
        Assert.True(feed.Events.TryRead(out var playable));
        Assert.Equal((VideoStatus.Processing, true, null), (playable.Status, playable.Playable, playable.Stage));
        Assert.False(feed.Events.TryRead(out _));
    }

    public void Dispose() => _world.Dispose();
}
