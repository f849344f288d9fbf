using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>The lists on the embedded default (SQLite): keyset pages and the simpler substring search.</summary>
public sealed class EmbeddedEngagementTests : IAsyncLifetime
{
    private StreamEngineApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new StreamEngineApp();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Search_matches_title_or_description_case_insensitively_and_pages_by_keyset()
    {
        var owner = await Person.SignUpAsync(_app, "lite");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Seed.VideoAsync(_app, owner, $"Gardening tips {i}", createdAt: start.AddMinutes(i)));
        }

        var byDescription = await Seed.VideoAsync(
            _app,
            owner,
            "Spring",
            "More GARDENING for beginners",
            createdAt: start.AddMinutes(10)
        );
        await Seed.VideoAsync(_app, owner, "100% off_topic", "Cooking");
        const string search =
            "query($s: String!, $n: Int, $a: String) { videos(search: $s, first: $n, after: $a) { totalCount "
            + "nodes { id } pageInfo { hasNextPage endCursor } } }";
        var client = _app.CreateGraphQLClient();

        var first = (await client.SendAsync(search, new { s = "gardening", n = 4 })).Ok()["videos"]!;
        var second = (
            await client.SendAsync(
                search,
                new
                {
                    s = "gardening",
                    n = 4,
                    a = first["pageInfo"]!["endCursor"]!.GetValue<string>(),
                }
            )
        ).Ok()["videos"]!;
        var wildcard = (await client.SendAsync(search, new { s = "%" })).Ok()["videos"]!;
        var underscore = (await client.SendAsync(search, new { s = "r_b" })).Ok()["videos"]!;

        Assert.Equal(6, first["totalCount"]!.GetValue<int>());
        Assert.Equal([byDescription, ids[4], ids[3], ids[2]], ListsTests.Ids(first));
        Assert.Equal([ids[1], ids[0]], ListsTests.Ids(second));
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(1, wildcard["totalCount"]!.GetValue<int>());
        Assert.Equal(0, underscore["totalCount"]!.GetValue<int>());
    }
}
