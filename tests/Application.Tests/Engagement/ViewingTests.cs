using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Engagement;

public sealed class RecordViewTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_view_counts_once_per_viewer_per_window_and_anonymous_viewers_are_their_address()
    {
        var video = _world.AddVideo(_world.AddUser().Id);
        var record = _world.Get<RecordView>();

        var first = await record.Handle(video.Id, default);
        var again = await record.Handle(video.Id, default);
        _world.Caller.ClientAddress = "198.51.100.9";
        var elsewhere = await record.Handle(video.Id, default);
        _world.Clock.Advance(TimeSpan.FromHours(7));
        var later = await record.Handle(video.Id, default);

        Assert.Equal([true, false, true, true], new[] { first, again, elsewhere, later }.Select(r => r.Value!.Counted));
        Assert.DoesNotContain(
            _world.Viewings.Views.Keys,
            k => k.Viewer.Contains("198.51.100.9", StringComparison.Ordinal)
        );
        Assert.Empty(_world.Viewings.History);
    }

    [Fact]
    public async Task A_signed_in_viewing_goes_into_the_history_unless_it_is_paused()
    {
        var me = _world.SignIn();
        var video = _world.AddVideo(me.Id);

        await _world.Get<RecordView>().Handle(video.Id, default);
        me.PauseWatchHistory(true);
        await _world.Get<RecordView>().Handle(video.Id, default);

        Assert.Single(_world.Viewings.History);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetWatchHistoryTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_history_is_the_callers_own_latest_first()
    {
        var me = _world.SignIn();
        var first = _world.AddVideo(me.Id);
        var second = _world.AddVideo(me.Id);
        await _world.Get<RecordView>().Handle(first.Id, default);
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
        await _world.Get<RecordView>().Handle(second.Id, default);

        var history = await _world.Get<GetWatchHistory>().Handle(PageRequest.Default, default);
        _world.Caller.SignOut();
        var anonymous = await _world.Get<GetWatchHistory>().Handle(PageRequest.Default, default);

        Assert.Equal([second.Id, first.Id], history.Value!.Edges.Select(e => e.Node.Video.Id));
        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class PauseWatchHistoryTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Pausing_is_saved_on_the_account()
    {
        var me = _world.SignIn();

        var result = await _world.Get<PauseWatchHistory>().Handle(true, default);

        Assert.True(result.Value!.WatchHistoryPaused);
        Assert.True(me.WatchHistoryPaused);
        Assert.Equal(1, _world.Users.Saves);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ClearWatchHistoryTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task One_video_or_the_whole_history_is_removed()
    {
        var me = _world.SignIn();
        var a = _world.AddVideo(me.Id);
        var b = _world.AddVideo(me.Id);
        var c = _world.AddVideo(me.Id);
        foreach (var video in new[] { a, b, c })
        {
            await _world.Get<RecordView>().Handle(video.Id, default);
        }

        var one = await _world.Get<ClearWatchHistory>().Handle(a.Id, default);
        var rest = await _world.Get<ClearWatchHistory>().Handle(null, default);

        Assert.Equal(1, one.Value);
        Assert.Equal(2, rest.Value);
        Assert.Empty(_world.Viewings.History);
    }

    public void Dispose() => _world.Dispose();
}
