using System.Text.Json;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Engagement;

namespace StreamEngine.Web.Tests.Schema;

/// <summary>Relay global object identification through the public API: ids that name their type, node and nodes as
/// the typed fields would answer, coded errors for ids that are not ours or name another type.</summary>
public sealed class GlobalIdentityTests(SqliteEngagementFixture fixture) : IClassFixture<SqliteEngagementFixture>
{
    private const string NodeQuery =
        "query($id: ID!) { node(id: $id) { __typename id ... on Video { title } ... on Channel { handle } "
        + "... on User { handle } ... on Comment { body video { id } } ... on Playlist { title } "
        + "... on PlaylistItem { position video { id } } ... on Viewer { email } ... on Dashboard { totalVideos } } }";

    [Fact]
    public async Task Every_object_refetches_by_its_id_and_a_user_and_their_channel_never_share_one()
    {
        var owner = await fixture.PersonAsync("node");
        var video = await Seed.VideoAsync(fixture.App, owner, "Node video");
        var comment = await owner.MutateAsync(
            "addComment",
            "mutation($v: ID!) { addComment(input: { videoId: $v, body: \"hi\" }) { comment { id } errors { code } } }",
            new { v = video }
        );
        var playlist = await owner.MutateAsync(
            "addPlaylistItem",
            "mutation($v: ID!, $p: ID!) { addPlaylistItem(input: { playlistId: $p, videoId: $v }) { item { id } "
                + "errors { code } } }",
            new { v = video, p = await PlaylistAsync(owner) }
        );
        var viewer = (await owner.SendAsync("{ viewer { id dashboard { id } } }")).Ok()["viewer"]!;
        var ids = new Dictionary<string, string>
        {
            ["User"] = owner.Id,
            ["Channel"] = owner.ChannelId,
            ["Video"] = video,
            ["Comment"] = comment["comment"]!["id"]!.GetValue<string>(),
            ["PlaylistItem"] = playlist["item"]!["id"]!.GetValue<string>(),
            ["Viewer"] = viewer["id"]!.GetValue<string>(),
            ["Dashboard"] = viewer["dashboard"]!["id"]!.GetValue<string>(),
        };

        foreach (var (type, id) in ids)
        {
            var node = (await owner.SendAsync(NodeQuery, new { id })).Ok()["node"]!;
            Assert.Equal((type, id), (node["__typename"]!.GetValue<string>(), node["id"]!.GetValue<string>()));
        }

        Assert.Equal(ids.Count, ids.Values.Distinct().Count());
        Assert.NotEqual(TestIds.Key(owner.Id), Guid.Empty);
        Assert.Equal(TestIds.Key(owner.Id), TestIds.Key(owner.ChannelId));
    }

    [Fact]
    public async Task Node_honours_visibility_as_the_typed_fields_do()
    {
        var owner = await fixture.PersonAsync("hidden");
        var stranger = await fixture.PersonAsync("stranger");
        var hidden = await Seed.VideoAsync(fixture.App, owner, "Hidden", visibility: Visibility.Private);
        var viewerId = (await owner.SendAsync("{ viewer { id } }")).Ok()["viewer"]!["id"]!.GetValue<string>();

        var own = (await owner.SendAsync(NodeQuery, new { id = hidden })).Ok()["node"];
        var theirs = (await stranger.SendAsync(NodeQuery, new { id = hidden })).Ok()["node"];
        var typed = (await stranger.SendAsync("query($id: ID!) { video(id: $id) { id } }", new { id = hidden })).Ok();
        var otherViewer = (await stranger.SendAsync(NodeQuery, new { id = viewerId })).Ok()["node"];
        var anonymousViewer = (await fixture.Anonymous().SendAsync(NodeQuery, new { id = viewerId })).Ok()["node"];

        Assert.Equal("Hidden", own!["title"]!.GetValue<string>());
        Assert.Null(theirs);
        Assert.Null(typed["video"]);
        Assert.Null(otherViewer);
        Assert.Null(anonymousViewer);
    }

    [Fact]
    public async Task Nodes_answers_in_order_with_nulls_in_one_statement_per_kind()
    {
        var owner = await fixture.PersonAsync("nodes");
        var videos = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            videos.Add(await Seed.VideoAsync(fixture.App, owner, $"Batch {i}"));
        }

        var ids = new List<string>(videos) { TestIds.Unknown("Video"), owner.ChannelId };
        var client = fixture.App.CreateGraphQLClient();
        var tag = "nodes-" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent(
                "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Video { title } ... on Channel { handle } } }",
                new { ids }
            ),
        };
        request.Headers.Add(SqlCommandCounter.Header, tag);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var nodes = (await client.SendAsync(request)).Ok()["nodes"]!.AsArray();

        Assert.Equal(ids.Count, nodes.Count);
        Assert.Equal(videos, nodes.Take(5).Select(n => n!["id"]!.GetValue<string>()));
        Assert.Null(nodes[5]);
        Assert.Equal(owner.Handle, nodes[6]!["handle"]!.GetValue<string>());
        var selects = (fixture.App.SqlCommands.GetValueOrDefault(tag) ?? []).Count(c =>
            c.Contains("SELECT", StringComparison.Ordinal)
        );
        Assert.True(selects <= 3, $"{selects} statements for 7 ids of two kinds.");
    }

    [Fact]
    public async Task An_id_that_is_not_ours_or_names_another_type_is_a_coded_error_never_a_500()
    {
        var owner = await fixture.PersonAsync("badid");
        var video = await Seed.VideoAsync(fixture.App, owner, "Typed");
        var anonymous = fixture.Anonymous();

        var malformed = await anonymous.SendAsync(NodeQuery, new { id = "not-an-id" });
        var rawGuid = await anonymous.SendAsync(NodeQuery, new { id = Guid.NewGuid().ToString() });
        var wrongType = await anonymous.SendAsync(
            "query($id: ID!) { video(id: $id) { id } }",
            new { id = owner.ChannelId }
        );
        var tooMany = await anonymous.SendAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            new { ids = Enumerable.Repeat(video, 101).ToArray() }
        );
        var payload = (
            await owner.SendAsync(
                "mutation($v: ID!) { likeVideo(input: { videoId: $v }) { video { id } errors { code field } } }",
                new { v = owner.ChannelId }
            )
        ).Ok()["likeVideo"]!;

        foreach (var response in new[] { malformed, rawGuid, wrongType, tooMany })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
            Assert.Equal(["INVALID_ID"], response.ErrorCodes);
        }

        Assert.Equal("INVALID_ID", payload["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(
            ["input", "videoId"],
            payload["errors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>())
        );
        Assert.Null(payload["video"]);
    }

    private static async Task<string> PlaylistAsync(Person owner) =>
        (
            await owner.MutateAsync(
                "createPlaylist",
                "mutation { createPlaylist(input: { title: \"Ids\" }) { playlist { id } errors { code } } }"
            )
        )["playlist"]!["id"]!.GetValue<string>();

    private static StringContent JsonContent(string query, object variables) =>
        new(JsonSerializer.Serialize(new { query, variables }), System.Text.Encoding.UTF8, "application/json");
}
