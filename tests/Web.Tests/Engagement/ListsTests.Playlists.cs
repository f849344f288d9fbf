using System.Text.Json.Nodes;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

public abstract partial class ListsTests
{
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
            "mutation($v: ID!) { recordView(input: { videoId: $v }) { errors { code } } }",
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
                    "mutation($v: ID!) { likeVideo(input: { videoId: $v }) { errors { code } } }",
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
            // The token's session is read or not depending on whether the instance found it active in the last
            // seconds (Accounts:ActiveSessionCache): not part of what the list costs.
            var sql = App.SqlCommands.TryGetValue(tag, out var all) ? all : [];
            return (
                [
                    .. sql.Where(s =>
                        !s.Contains("FROM sessions", StringComparison.Ordinal)
                        && !s.Contains("FROM \"sessions\"", StringComparison.Ordinal)
                    ),
                ],
                response.Ok()["videos"]!
            );
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
        Assert.True(many.Count <= 5, string.Join("\n---\n", many));
        Assert.Equal(few.Count, many.Count);
    }

    [Fact]
    public async Task The_newest_page_reads_its_owners_in_the_same_statement_and_its_cursor_pages_on()
    {
        for (var i = 0; i < 6; i++)
        {
            await Seed.VideoAsync(App, await fixture.PersonAsync("onestatement" + i), $"one statement {i}");
        }

        const string query =
            "query($after: String) { videos(first: 3, after: $after) { edges { cursor node { id createdAt owner { "
            + "handle } channel { handle } } } pageInfo { hasNextPage endCursor } } }";
        async Task<(List<string> Sql, JsonNode Videos)> RunAsync(string? after)
        {
            var tag = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { query, variables = new { after } }),
            };
            request.Headers.Add(SqlCommandCounter.Header, tag);
            var response = await fixture.Anonymous().Http.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Null(body["errors"]);
            return (App.SqlCommands.TryGetValue(tag, out var all) ? [.. all] : [], body["data"]!["videos"]!);
        }

        var (firstSql, first) = await RunAsync(null);
        var (nextSql, next) = await RunAsync(first["pageInfo"]!["endCursor"]!.GetValue<string>());

        // One statement each: the page joined with its owners, no second look-up of users.
        Assert.True(
            firstSql.Count == 1 && firstSql[0].Contains("JOIN", StringComparison.Ordinal),
            string.Join("\n", firstSql)
        );
        Assert.True(
            nextSql.Count == 1 && nextSql[0].Contains("JOIN", StringComparison.Ordinal),
            string.Join("\n", nextSql)
        );
        // Search alone reads the search vector (PostgreSQL): a page of videos does not carry it.
        Assert.DoesNotContain("SearchVector", firstSql[0], StringComparison.Ordinal);
        var rows = first["edges"]!.AsArray().Concat(next["edges"]!.AsArray()).Select(e => e!["node"]!).ToList();
        Assert.Equal(6, rows.Select(r => r["id"]!.GetValue<string>()).Distinct().Count());
        var times = rows.Select(r => r["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(
            rows,
            r => Assert.Equal(r["owner"]!["handle"]!.GetValue<string>(), r["channel"]!["handle"]!.GetValue<string>())
        );
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
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
