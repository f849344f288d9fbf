using System.Text.Json.Nodes;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Visibility in every list, Relay pagination, search and the statement count of a list.</summary>
public abstract class ListsTests(EngagementFixture fixture)
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
            "subscribe",
            "mutation($c: ID!) { subscribe(channelId: $c) { errors { code } } }",
            new { c = owner.Id }
        );
        var playlist = (
            await owner.MutateAsync(
                "createPlaylist",
                "mutation { createPlaylist(title: \"All\") { playlist { id } errors { code } } }"
            )
        )["playlist"]!["id"]!.GetValue<string>();
        foreach (var video in hidden.Prepend(shown))
        {
            await owner.MutateAsync(
                "addPlaylistItem",
                "mutation($p: ID!, $v: ID!) { addPlaylistItem(playlistId: $p, videoId: $v) { errors { code } } }",
                new { p = playlist, v = video }
            );
        }

        // The viewer watched the unlisted one by its link; then it and the public one went private.
        await viewer.MutateAsync(
            "recordView",
            "mutation($v: ID!) { recordView(videoId: $v) { errors { code } } }",
            new { v = hidden[0] }
        );
        await viewer.MutateAsync(
            "recordView",
            "mutation($v: ID!) { recordView(videoId: $v) { errors { code } } }",
            new { v = shown }
        );
        await owner.MutateAsync(
            "updateVideo",
            "mutation($v: ID!) { updateVideo(input: { id: $v, visibility: PRIVATE }) { errors { code } } }",
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
        var feed = Ids((await viewer.SendAsync("{ feed(first: 100) { nodes { id } } }")).Ok()["feed"]!);
        var history = Ids(
            (await viewer.SendAsync("{ watchHistory { nodes { video { id } } } }")).Ok()["watchHistory"]!,
            "video"
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

    [Fact]
    public async Task Search_over_title_and_description_orders_by_relevance_date_or_views()
    {
        var owner = await fixture.PersonAsync("searcher");
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var inDescription = await Seed.VideoAsync(
            App,
            owner,
            "Cooking at home",
            $"Today: {word} and more",
            createdAt: DateTimeOffset.UtcNow.AddMinutes(-3)
        );
        var inTitle = await Seed.VideoAsync(
            App,
            owner,
            $"The {word} guide",
            "All about it",
            createdAt: DateTimeOffset.UtcNow.AddMinutes(-2)
        );
        var both = await Seed.VideoAsync(
            App,
            owner,
            $"{word} {word}",
            $"{word} explained",
            createdAt: DateTimeOffset.UtcNow.AddMinutes(-1)
        );
        await Seed.VideoAsync(App, owner, $"{word} private", visibility: Visibility.Private);
        await Seed.VideoAsync(App, owner, "Unrelated", "Nothing here");
        var viewer = await fixture.PersonAsync("searchviewer");
        await viewer.MutateAsync(
            "recordView",
            "mutation($v: ID!) { recordView(videoId: $v) { errors { code } } }",
            new { v = inDescription }
        );
        const string search =
            "query($s: String!, $o: VideoOrder) { videos(search: $s, orderBy: $o) { totalCount nodes { id } } }";

        var relevance = (await fixture.Anonymous().SendAsync(search, new { s = word, o = "RELEVANCE" })).Ok()[
            "videos"
        ]!;
        var newest = (await fixture.Anonymous().SendAsync(search, new { s = word, o = "NEWEST" })).Ok()["videos"]!;
        var views = (await fixture.Anonymous().SendAsync(search, new { s = word, o = "MOST_VIEWED" })).Ok()["videos"]!;
        var phrase = (await fixture.Anonymous().SendAsync(search, new { s = $"{word} guide", o = "RELEVANCE" })).Ok()[
            "videos"
        ]!;
        var hostile = await fixture
            .Anonymous()
            .SendAsync(search, new { s = "'); drop table videos; -- & | ! :*", o = "RELEVANCE" });

        Assert.Equal(3, relevance["totalCount"]!.GetValue<int>());
        Assert.Equal([both, inTitle, inDescription], Ids(relevance));
        Assert.Equal([both, inTitle, inDescription], Ids(newest));
        Assert.Equal(inDescription, Ids(views)[0]);
        Assert.Equal([inTitle], Ids(phrase));
        Assert.Empty(hostile.ErrorCodes);
    }

    [Fact]
    public async Task Listing_fifty_videos_with_owners_counts_and_like_state_runs_a_bounded_number_of_statements()
    {
        var viewer = await fixture.PersonAsync("nplus1viewer");
        var word = "np" + Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 50; i++)
        {
            var owner = await fixture.PersonAsync("np" + i);
            var video = await Seed.VideoAsync(App, owner, $"{word} {i}");
            if (i % 3 == 0)
            {
                await viewer.MutateAsync(
                    "likeVideo",
                    "mutation($v: ID!) { likeVideo(videoId: $v) { errors { code } } }",
                    new { v = video }
                );
            }
        }

        const string query =
            "query($s: String!, $n: Int!) { videos(search: $s, first: $n) { totalCount nodes { id title viewCount "
            + "likeCount commentCount viewerHasLiked owner { handle displayName } channel { handle subscriberCount "
            + "viewerIsSubscribed } } } }";
        async Task<(List<string> Sql, JsonNode Videos)> RunAsync(int n)
        {
            var tag = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { query, variables = new { s = word, n } }),
            };
            request.Headers.Add(SqlCommandCounter.Header, tag);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer",
                viewer.Client.AccessToken
            );
            var response = await viewer.Client.SendAsync(request);
            return (App.SqlCommands.TryGetValue(tag, out var sql) ? sql : [], response.Ok()["videos"]!);
        }

        var (few, _) = await RunAsync(5);
        var (many, videos) = await RunAsync(50);

        Assert.Equal(50, videos["nodes"]!.AsArray().Count);
        Assert.Equal(17, videos["nodes"]!.AsArray().Count(v => v!["viewerHasLiked"]!.GetValue<bool>()));
        Assert.All(
            videos["nodes"]!.AsArray(),
            v => Assert.StartsWith("np", v!["owner"]!["handle"]!.GetValue<string>(), StringComparison.Ordinal)
        );

        // Count, page, owners, the viewer's likes, the viewer's subscriptions: the same for 5 rows as for 50.
        Assert.True(many.Count <= 6, string.Join("\n---\n", many));
        Assert.Equal(few.Count, many.Count);
    }

    [Fact]
    public async Task Nested_connections_are_costed_by_the_rows_they_ask_for()
    {
        const string nested =
            "{ videos(first: 100) { nodes { comments(first: 100) { nodes { replies(first: 100) { nodes { body } } "
            + "} } } } }";
        const string modest =
            "{ videos(first: 10) { nodes { comments(first: 5) { nodes { body replies(first: 3) { nodes { body } } "
            + "} } } } }";
        const string defaults =
            "{ videos { nodes { comments { nodes { replies { nodes { body author { handle } } } } } } } }";

        Assert.Equal(["MAX_COMPLEXITY_EXCEEDED"], (await fixture.Anonymous().SendAsync(nested)).ErrorCodes);
        Assert.Empty((await fixture.Anonymous().SendAsync(modest)).ErrorCodes);
        Assert.Equal(["MAX_COMPLEXITY_EXCEEDED"], (await fixture.Anonymous().SendAsync(defaults)).ErrorCodes);
    }

    internal static List<string> Ids(JsonNode connection, string? inner = null) =>
        [.. connection["nodes"]!.AsArray().Select(n => (inner is null ? n : n![inner])!["id"]!.GetValue<string>())];
}

public sealed class PostgresListsTests(PostgresEngagementFixture fixture)
    : ListsTests(fixture),
        IClassFixture<PostgresEngagementFixture>;

public sealed class SqliteListsTests(SqliteEngagementFixture fixture)
    : ListsTests(fixture),
        IClassFixture<SqliteEngagementFixture>;
