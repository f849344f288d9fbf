using System.Text.Json.Nodes;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Visibility in every list, Relay pagination, search and the statement count of a list.</summary>
public abstract partial class ListsTests(EngagementFixture fixture)
{
    private StreamEngineApp App => fixture.App;

    [Fact]
    public async Task Videos_not_ready_or_not_public_appear_only_to_their_owner_in_every_list()
    {
        var owner = await fixture.PersonAsync("vis");
        var viewer = await fixture.PersonAsync("visviewer");
        var tag = "vis" + Guid.NewGuid().ToString("N")[..8];
        var shown = await Seed.VideoAsync(App, owner, $"{tag} public");
        var hidden = new[]
        {
            await Seed.VideoAsync(App, owner, $"{tag} unlisted", visibility: Visibility.Unlisted),
            await Seed.VideoAsync(App, owner, $"{tag} private", visibility: Visibility.Private),
            await Seed.VideoAsync(App, owner, $"{tag} processing", status: VideoStatus.Processing),
            await Seed.VideoAsync(App, owner, $"{tag} failed", status: VideoStatus.Failed),
            await Seed.VideoAsync(App, owner, $"{tag} waiting", status: VideoStatus.AwaitingUpload),
        };
        await viewer.MutateAsync(
            "subscribeToChannel",
            "mutation($c: ID!) { subscribeToChannel(input: { channelId: $c }) { errors { code } } }",
            new { c = owner.ChannelId }
        );
        var playlist = (
            await owner.MutateAsync(
                "createPlaylist",
                "mutation { createPlaylist(input: { title: \"All\" }) { playlist { id } errors { code } } }"
            )
        )["playlist"]!["id"]!.GetValue<string>();
        foreach (var video in hidden.Prepend(shown))
        {
            await owner.MutateAsync(
                "addPlaylistItem",
                "mutation($p: ID!, $v: ID!) { addPlaylistItem(input: { playlistId: $p, videoId: $v }) { errors { "
                    + "code } } }",
                new { p = playlist, v = video }
            );
        }

        // The viewer watched the unlisted one by its link; then it and the public one went private.
        await viewer.MutateAsync(
            "recordView",
            "mutation($v: ID!) { recordView(input: { videoId: $v }) { errors { code } } }",
            new { v = hidden[0] }
        );
        await viewer.MutateAsync(
            "recordView",
            "mutation($v: ID!) { recordView(input: { videoId: $v }) { errors { code } } }",
            new { v = shown }
        );
        await owner.MutateAsync(
            "updateVideo",
            "mutation($v: ID!) { updateVideo(input: { videoId: $v, visibility: PRIVATE }) { errors { code } } }",
            new { v = hidden[0] }
        );

        async Task<List<string>> ListsAsync(Person person) =>
            [
                .. Ids(
                    (
                        await person.SendAsync(
                            "query($s: String) { videos(search: $s, first: 50) { nodes { id } } }",
                            new { s = tag }
                        )
                    ).Ok()["videos"]!
                ),
                .. Ids(
                    (
                        await person.SendAsync(
                            "query($h: String!) { channel(handle: $h) { videos { nodes { id } } } }",
                            new { h = owner.Handle }
                        )
                    ).Ok()["channel"]!["videos"]!
                ),
                .. Ids(
                    (
                        await person.SendAsync(
                            "query($p: ID!) { playlist(id: $p) { items { nodes { video { id } } } } }",
                            new { p = playlist }
                        )
                    ).Ok()["playlist"]!["items"]!,
                    "video"
                ),
            ];

        var seenByViewer = await ListsAsync(viewer);
        var feed = Ids(
            (await viewer.SendAsync("{ viewer { feed(first: 100) { nodes { id } } } }")).Ok()["viewer"]!["feed"]!
        );
        var history = Ids(
            (await viewer.SendAsync("{ viewer { watchHistory { nodes { id } } } }")).Ok()["viewer"]!["watchHistory"]!
        );
        var seenByOwner = await ListsAsync(owner);

        Assert.Equal([shown, shown, shown], seenByViewer);
        Assert.Contains(shown, feed);
        Assert.DoesNotContain(feed, hidden.Contains);
        Assert.Equal([shown], history);
        Assert.Equal(6 * 3, seenByOwner.Count);
        Assert.All(hidden, h => Assert.Equal(3, seenByOwner.Count(s => s == h)));
    }

    [Fact]
    public async Task Relay_pages_go_forward_and_back_with_totals_and_stay_stable_under_inserts()
    {
        var owner = await fixture.PersonAsync("pager");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Seed.VideoAsync(App, owner, "Page " + i, createdAt: start.AddMinutes(i)));
        }

        ids.Reverse();
        const string forward =
            "query($h: String!, $n: Int, $a: String) { channel(handle: $h) { videos(first: $n, after: $a) { "
            + "totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor "
            + "} } } }";
        const string backward =
            "query($h: String!, $n: Int, $b: String) { channel(handle: $h) { videos(last: $n, before: $b) { "
            + "totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }";
        JsonNode Videos(GraphQLResponse r) => r.Ok()["channel"]!["videos"]!;

        var first = Videos(await fixture.Anonymous().SendAsync(forward, new { h = owner.Handle, n = 3 }));
        await Seed.VideoAsync(App, owner, "Inserted newest", createdAt: DateTimeOffset.UtcNow);
        var second = Videos(
            await fixture
                .Anonymous()
                .SendAsync(
                    forward,
                    new
                    {
                        h = owner.Handle,
                        n = 3,
                        a = first["pageInfo"]!["endCursor"]!.GetValue<string>(),
                    }
                )
        );
        var third = Videos(
            await fixture
                .Anonymous()
                .SendAsync(
                    forward,
                    new
                    {
                        h = owner.Handle,
                        n = 3,
                        a = second["pageInfo"]!["endCursor"]!.GetValue<string>(),
                    }
                )
        );
        var back = Videos(
            await fixture
                .Anonymous()
                .SendAsync(
                    backward,
                    new
                    {
                        h = owner.Handle,
                        n = 2,
                        b = third["edges"]![0]!["cursor"]!.GetValue<string>(),
                    }
                )
        );
        var last = Videos(await fixture.Anonymous().SendAsync(backward, new { h = owner.Handle, n = 2 }));

        Assert.Equal(7, first["totalCount"]!.GetValue<int>());
        Assert.Equal(ids[..3], first["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(8, second["totalCount"]!.GetValue<int>());
        Assert.Equal(ids[3..6], second["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.Equal(ids[6..], third["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.False(third["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(third["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(ids[4..6], Ids(back));
        Assert.True(back["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.True(back["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(ids[5..], Ids(last));
        Assert.True(last["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        var both = await fixture
            .Anonymous()
            .SendAsync(
                forward.Replace("first: $n", "first: $n, last: 2", StringComparison.Ordinal),
                new { h = owner.Handle, n = 3 }
            );
        var tooMany = await fixture.Anonymous().SendAsync(forward, new { h = owner.Handle, n = 101 });
        var forged = await fixture
            .Anonymous()
            .SendAsync(
                forward,
                new
                {
                    h = owner.Handle,
                    n = 3,
                    a = "bm90LWEtY3Vyc29y",
                }
            );
        var otherList = await fixture
            .Anonymous()
            .SendAsync(
                "query($a: String) { videos(orderBy: MOST_VIEWED, after: $a) { totalCount } }",
                new { a = first["pageInfo"]!["endCursor"]!.GetValue<string>() }
            );
        Assert.Equal(["INVALID_PAGE"], both.ErrorCodes);
        Assert.Equal(["INVALID_PAGE"], tooMany.ErrorCodes);
        Assert.Equal(["INVALID_CURSOR"], forged.ErrorCodes);
        Assert.Equal(["INVALID_CURSOR"], otherList.ErrorCodes);
    }
}

public sealed class PostgresListsTests(PostgresEngagementFixture fixture)
    : ListsTests(fixture),
        IClassFixture<PostgresEngagementFixture>;

public sealed class SqliteListsTests(SqliteEngagementFixture fixture)
    : ListsTests(fixture),
        IClassFixture<SqliteEngagementFixture>;
