using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.GraphQL.Transport.Persisted;

namespace StreamEngine.Web.Tests;

/// <summary>Apollo's automatic persisted queries, as its persisted-query link speaks them.</summary>
public sealed class PersistedQueryTests(PersistedQueryTests.App app) : IClassFixture<PersistedQueryTests.App>
{
    private const string Query = "query ServerName { serverInfo { name } }";

    public sealed class App() : StreamEngineApp(new Dictionary<string, string?>());

    private static object Extensions(string hash, int version = 1) =>
        new { persistedQuery = new { version, sha256Hash = hash } };

    private Task<GraphQLResponse> PostAsync(object body, string accept = "application/json")
    {
        var client = app.CreateGraphQLClient();
        client.Accept = accept;
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        return client.SendAsync(request);
    }

    private Task<GraphQLResponse> GetAsync(string hash, string? query = null)
    {
        var extensions = Uri.EscapeDataString(JsonSerializer.Serialize(Extensions(hash)));
        var url = "/graphql?extensions=" + extensions + (query is null ? "" : "&query=" + Uri.EscapeDataString(query));
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        return app.CreateGraphQLClient().SendAsync(request);
    }

    [Fact]
    public async Task A_hash_alone_misses_then_the_document_with_its_hash_is_kept_and_the_hash_alone_runs_it()
    {
        var hash = AutomaticPersistedQueries.HashOf(Query + " # miss-then-hit");
        var document = Query + " # miss-then-hit";

        var miss = await PostAsync(new { extensions = Extensions(hash) });
        var registered = await PostAsync(new { query = document, extensions = Extensions(hash) });
        var hit = await PostAsync(new { extensions = Extensions(hash) });
        var viaGet = await GetAsync(hash);

        Assert.Equal(HttpStatusCode.OK, miss.Status);
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], miss.ErrorCodes);
        Assert.Equal("PersistedQueryNotFound", miss.Errors![0]!["message"]!.GetValue<string>());
        Assert.Equal("StreamEngine", registered.Ok()["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal("StreamEngine", hit.Ok()["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal("StreamEngine", viaGet.Ok()["serverInfo"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apollo_clients_persisted_query_link_misses_once_then_is_served_from_the_hash_alone()
    {
        await using var server = StreamEngineApp.With(null, kestrel: true);

        var (exitCode, output) = await NodePeer.RunAsync(
            "apq.mjs",
            [new Uri(server.BaseAddress, "/graphql").ToString()],
            TimeSpan.FromMinutes(1)
        );

        Assert.True(exitCode == 0, output);
        var lines = output.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        var requests = lines[..^1];
        Assert.Equal([false, true, false], requests.Select(r => r["hasQuery"]!.GetValue<bool>()));
        Assert.Single(requests.Select(r => r["hash"]!.GetValue<string>()).Distinct());
        Assert.Equal("StreamEngine", lines[^1]["first"]!["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal("StreamEngine", lines[^1]["second"]!["serverInfo"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_that_does_not_match_its_hash_is_refused_and_not_kept()
    {
        var hash = AutomaticPersistedQueries.HashOf("{ __typename }");

        var forged = await PostAsync(new { query = Query, extensions = Extensions(hash) });
        var after = await PostAsync(new { extensions = Extensions(hash) });

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(["PERSISTED_QUERY_HASH_MISMATCH"], forged.ErrorCodes);
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], after.ErrorCodes);
    }

    [Fact]
    public async Task A_document_that_does_not_validate_is_not_kept()
    {
        const string invalid = "{ noSuchField }";
        var hash = AutomaticPersistedQueries.HashOf(invalid);

        var refused = await PostAsync(new { query = invalid, extensions = Extensions(hash) });
        var after = await PostAsync(new { extensions = Extensions(hash) });

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], refused.ErrorCodes.Distinct());
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], after.ErrorCodes);
    }

    [Fact]
    public async Task A_kept_mutation_cannot_be_run_by_get_and_other_versions_and_bad_hashes_are_refused()
    {
        const string mutation = "mutation { logout { errors { code } } }";
        var hash = AutomaticPersistedQueries.HashOf(mutation);
        await PostAsync(new { query = mutation, extensions = Extensions(hash) });

        var byGet = await GetAsync(hash);
        var version2 = await PostAsync(new { extensions = Extensions(hash, version: 2) });
        var badHash = await PostAsync(new { extensions = Extensions("not-a-hash") });

        Assert.NotEqual(HttpStatusCode.OK, byGet.Status);
        Assert.Equal(["PERSISTED_QUERY_VERSION_NOT_SUPPORTED"], version2.ErrorCodes);
        Assert.Equal(["INVALID_REQUEST"], badHash.ErrorCodes);
    }

    [Fact]
    public async Task A_miss_in_the_graphql_response_media_type_is_a_400_as_request_errors_are()
    {
        var miss = await PostAsync(
            new { extensions = Extensions(AutomaticPersistedQueries.HashOf("{ never }")) },
            "application/graphql-response+json"
        );

        Assert.Equal(HttpStatusCode.BadRequest, miss.Status);
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], miss.ErrorCodes);
    }
}

/// <summary>The protocol, without a server.</summary>
public sealed class AutomaticPersistedQueriesTests
{
    [Fact]
    public async Task A_request_without_a_persisted_query_is_its_own_document_and_nothing_is_kept()
    {
        var store = new Infrastructure.Documents.InMemoryPersistedDocumentStore();
        var queries = new AutomaticPersistedQueries(store);

        var resolved = await queries.ResolveAsync(
            new global::GraphQL.Transport.GraphQLRequest { Query = "{ __typename }" },
            default
        );

        Assert.Equal("{ __typename }", resolved.Query);
        Assert.Null(resolved.Error);
        Assert.Equal(0, store.Count);
    }
}
