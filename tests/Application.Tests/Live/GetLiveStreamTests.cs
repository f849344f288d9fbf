using StreamEngine.Application.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Tests.Live;

public sealed class GetLiveStreamTests : LiveTestBase
{
    [Fact]
    public async Task Anyone_sees_a_public_or_unlisted_stream_and_only_its_owner_a_private_one()
    {
        World.SignIn();
        var open = await CreateAsync();
        var hidden = (
            await World.Get<CreateLiveStream>().Handle(new("Hidden", null, Visibility.Private, false), default)
        ).Value!;
        Assert.NotNull(await World.Get<GetLiveStream>().Handle(hidden.Id, default));

        World.SignIn("bob_films");
        Assert.NotNull(await World.Get<GetLiveStream>().Handle(open.Id, default));
        Assert.Null(await World.Get<GetLiveStream>().Handle(hidden.Id, default));
        Assert.Null(await World.Get<GetLiveStream>().Handle(Guid.NewGuid(), default));
    }
}

public sealed class ListMyLiveStreamsTests : LiveTestBase
{
    [Fact]
    public async Task An_account_lists_its_own_streams_newest_first_and_a_stranger_nothing()
    {
        Assert.Empty(await World.Get<ListMyLiveStreams>().Handle(default));
        World.SignIn();
        var first = await CreateAsync(title: "First");
        World.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await CreateAsync(title: "Second");
        Assert.Equal([second.Id, first.Id], (await World.Get<ListMyLiveStreams>().Handle(default)).Select(s => s.Id));
        World.SignIn("bob_films");
        Assert.Empty(await World.Get<ListMyLiveStreams>().Handle(default));
    }
}

public sealed class ListLiveNowTests : LiveTestBase
{
    [Fact]
    public async Task Only_public_streams_on_air_are_listed()
    {
        var ann = World.SignIn().Id;
        var idle = await CreateAsync(title: "Idle");
        var onAir = await CreateAsync(title: "On air");
        await World.Get<AuthorizeLivePublish>().Handle(onAir.StreamKey, default);
        await World.Get<ReportLiveIngest>().Handle(new(onAir.Id, LiveIngestChange.SegmentsOut), default);

        var now = await World.Get<ListLiveNow>().Handle(null, default);
        Assert.Equal([onAir.Id], now.Select(s => s.Id));
        Assert.Equal([onAir.Id], (await World.Get<ListLiveNow>().Handle(ann, default)).Select(s => s.Id));
        Assert.Empty(await World.Get<ListLiveNow>().Handle(Guid.NewGuid(), default));
        Assert.DoesNotContain(idle.Id, now.Select(s => s.Id));
    }
}

public sealed class ListLiveFeedTests : LiveTestBase
{
    [Fact]
    public async Task A_viewer_sees_public_streams_on_air_on_the_channels_they_subscribe_to()
    {
        var ann = World.SignIn().Id;
        var onAir = await CreateAsync(title: "On air");
        await World.Get<AuthorizeLivePublish>().Handle(onAir.StreamKey, default);
        await World.Get<ReportLiveIngest>().Handle(new(onAir.Id, LiveIngestChange.SegmentsOut), default);

        var bob = World.SignIn("bob_films").Id;
        Assert.Empty(await World.Get<ListLiveFeed>().Handle(default));
        World.Subscriptions.All.Add((bob, ann));
        Assert.Equal([onAir.Id], (await World.Get<ListLiveFeed>().Handle(default)).Select(s => s.Id));
        World.Caller.SignOut();
        Assert.Empty(await World.Get<ListLiveFeed>().Handle(default));
    }
}
