using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Engagement;

namespace StreamEngine.Web.Tests.Schema;

/// <summary>The clients frontend teams use (npm packages under tests/peers, run by node) against the server:
/// @graphql-codegen types for every operation, Apollo Client's normalised cache, the Relay compiler and runtime, and
/// urql's Graphcache. Each proves a cache updates from what the schema hands back, with no refetch.</summary>
public sealed class ClientLibraryTests(KestrelEngagementFixture fixture) : IClassFixture<KestrelEngagementFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private string GraphQLUrl => new Uri(fixture.App.BaseAddress, "/graphql").ToString();

    private string WebSocketUrl =>
        new UriBuilder(fixture.App.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();

    [Fact]
    public async Task Codegen_types_every_operation_with_mapped_scalars_and_enums_for_codes_and_stages()
    {
        using var output = new TempDirectory();

        var (exitCode, text) = await NodePeer.RunAsync(
            "clients/codegen.mjs",
            [Path.Combine(TestEnvironment.RepositoryRoot(), "schema.graphql"), output.Path],
            Timeout
        );

        Assert.True(exitCode == 0, text);
        var summary = LastJson(text);
        var (query, mutation, subscription) = RootFieldCounts();
        Assert.Equal(query + mutation + subscription, summary["operations"]!.GetValue<int>());
        Assert.Equal(0, summary["anyCount"]!.GetValue<int>());
        var enums = summary["enums"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("ErrorCode", enums);
        Assert.Contains("TranscodeStage", enums);
    }

    [Fact]
    public async Task Apollo_pages_with_fetch_more_and_updates_its_cache_from_payloads_and_subscription_events()
    {
        var owner = await fixture.PersonAsync("apollo");
        var video = await Seed.VideoAsync(fixture.App, owner, "Apollo video");
        await CommentAsync(owner, video, 4);

        var (exitCode, text) = await NodePeer.RunAsync(
            "clients/apollo.mjs",
            [GraphQLUrl, WebSocketUrl, owner.Client.AccessToken!, video],
            Timeout
        );

        Assert.True(exitCode == 0, text);
        var result = LastJson(text);
        Assert.Equal(2, result["firstPage"]!.GetValue<int>());
        Assert.Equal(4, result["mergedEdges"]!.GetValue<int>());
        Assert.False(result["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(0, result["addErrors"]!.GetValue<int>());
        Assert.Equal(result["commentCountBefore"]!.GetValue<int>() + 1, result["commentCountAfter"]!.GetValue<int>());
        Assert.Equal(0, result["otherRequestsForMutation"]!.GetValue<int>());
        Assert.Equal(result["expectedTitle"]!.GetValue<string>(), result["titleInCache"]!.GetValue<string>());
        Assert.Equal(0, result["requestsDuringEvents"]!.GetValue<int>());
    }

    [Fact]
    public async Task Relay_pages_a_connection_and_refetches_through_node()
    {
        var owner = await fixture.PersonAsync("relay");
        var videos = new List<string>();
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            videos.Add(
                await Seed.VideoAsync(
                    fixture.App,
                    owner,
                    title,
                    createdAt: DateTimeOffset.UtcNow.AddMinutes(videos.Count)
                )
            );
        }

        var (exitCode, text) = await NodePeer.RunAsync(
            "clients/relay.mjs",
            [GraphQLUrl, owner.Handle, videos[0]],
            Timeout
        );

        Assert.True(exitCode == 0, text);
        var result = LastJson(text);
        Assert.Equal(2, result["firstPage"]!.GetValue<int>());
        Assert.Equal(["Third", "Second", "First"], result["merged"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(result["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(3, result["totalCount"]!.GetValue<int>());
        Assert.Equal(
            (videos[0], "First"),
            (result["video"]!["id"]!.GetValue<string>(), result["video"]!["title"]!.GetValue<string>())
        );
        Assert.Equal("Channel", result["channelRecord"]!.GetValue<string>());
        Assert.Equal(
            [
                "relayDocumentsChannelQuery",
                "relayDocumentsChannelVideosPaginationQuery",
                "relayDocumentsVideoRefetchQuery",
            ],
            result["sent"]!.AsArray().Select(s => s!.GetValue<string>())
        );
    }

    [Fact]
    public async Task Urql_graphcache_keys_every_entity_and_updates_from_payloads_and_events_without_warnings()
    {
        var owner = await fixture.PersonAsync("urql");
        var video = await Seed.VideoAsync(fixture.App, owner, "Urql video");
        await CommentAsync(owner, video, 2);

        var (exitCode, text) = await NodePeer.RunAsync(
            "clients/urql.mjs",
            [
                GraphQLUrl,
                WebSocketUrl,
                owner.Client.AccessToken!,
                video,
                Path.Combine(TestEnvironment.RepositoryRoot(), "schema.graphql"),
            ],
            Timeout
        );

        Assert.True(exitCode == 0, text);
        var result = LastJson(text);
        Assert.Empty(result["errors"]!.AsArray());
        Assert.Equal(0, result["likeErrors"]!.GetValue<int>());
        Assert.Equal(result["likeCountBefore"]!.GetValue<int>() + 1, result["likeCountCached"]!.GetValue<int>());
        Assert.True(result["likedCached"]!.GetValue<bool>());
        Assert.Equal(result["expectedTitle"]!.GetValue<string>(), result["titleCached"]!.GetValue<string>());
        Assert.Empty(result["warnings"]!.AsArray());
    }

    private static async Task CommentAsync(Person owner, string video, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await owner.MutateAsync(
                "addComment",
                "mutation($v: ID!, $b: String!) { addComment(input: { videoId: $v, body: $b }) { errors { code } } }",
                new { v = video, b = $"Comment {i}" }
            );
        }
    }

    private static JsonNode LastJson(string output) =>
        JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!;

    private static (int Query, int Mutation, int Subscription) RootFieldCounts()
    {
        var schema = StreamEngine.Web.Hosting.SchemaExport.BuildSchema();
        return (schema.Query.Fields.Count, schema.Mutation!.Fields.Count, schema.Subscription!.Fields.Count);
    }
}
