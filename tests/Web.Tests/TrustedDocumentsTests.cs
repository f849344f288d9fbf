using System.Net;
using System.Text;
using System.Text.Json;
using StreamEngine.TestSupport;
using StreamEngine.Web.GraphQL.Transport.Persisted;
using StreamEngine.Web.Tests.Subscriptions;

namespace StreamEngine.Web.Tests;

/// <summary>A deployment that runs only its own clients' documents: a manifest of trusted documents and
/// OnlyTrusted.</summary>
public sealed class TrustedDocumentsTests(TrustedDocumentsTests.App app) : IClassFixture<TrustedDocumentsTests.App>
{
    private const string Trusted = "query Trusted { serverInfo { name } }";

    public sealed class App() : StreamEngineApp(TrustedSettings())
    {
        private static readonly string Manifest = Path.Combine(
            Path.GetTempPath(),
            "streamengine-trusted-" + Guid.NewGuid().ToString("N") + ".json"
        );

        private static Dictionary<string, string?> TrustedSettings()
        {
            File.WriteAllText(
                Manifest,
                JsonSerializer.Serialize(
                    new Dictionary<string, string> { [AutomaticPersistedQueries.HashOf(Trusted)] = Trusted }
                )
            );
            return new()
            {
                ["StreamEngine:GraphQL:PersistedOperations:ManifestPath"] = Manifest,
                ["StreamEngine:GraphQL:PersistedOperations:OnlyTrusted"] = "true",
            };
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(Manifest);
        }
    }

    private Task<GraphQLResponse> PostAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        return app.CreateGraphQLClient().SendAsync(request);
    }

    private static object Extensions(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    [Fact]
    public async Task A_trusted_document_runs_by_its_hash_or_its_text_and_anything_else_is_refused()
    {
        var byHash = await PostAsync(new { extensions = Extensions(AutomaticPersistedQueries.HashOf(Trusted)) });
        var byText = await PostAsync(new { query = Trusted });
        var other = await PostAsync(new { query = "{ serverInfo { name } }" });
        var registered = await PostAsync(
            new
            {
                query = "{ __typename }",
                extensions = Extensions(AutomaticPersistedQueries.HashOf("{ __typename }")),
            }
        );

        Assert.Equal("StreamEngine", byHash.Ok()["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal("StreamEngine", byText.Ok()["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal(["PERSISTED_QUERY_NOT_ALLOWED"], other.ErrorCodes);
        Assert.Equal(["PERSISTED_QUERY_NOT_ALLOWED"], registered.ErrorCodes);
    }

    [Fact]
    public async Task Introspection_stays_allowed_while_the_ide_is_on()
    {
        var introspection = await PostAsync(new { query = "{ __schema { queryType { name } } }" });

        Assert.Equal("Query", introspection.Ok()["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_websocket_operation_is_held_to_the_manifest_as_well()
    {
        await using var socket = await RawSocket.ConnectAsync(app, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "x",
                type = "subscribe",
                payload = new { query = "{ serverInfo { name } }" },
            }
        );
        var refused = await socket.ReceiveAsync();

        Assert.Equal("error", refused!["type"]!.GetValue<string>());
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}

/// <summary>A manifest that cannot be trusted stops the server from starting.</summary>
public sealed class TrustedDocumentsConfigurationTests
{
    [Fact]
    public void OnlyTrusted_without_a_manifest_or_with_a_wrong_hash_is_refused()
    {
        var validator = new PersistedOperationsOptionsValidator();
        var manifest = Path.Combine(
            Path.GetTempPath(),
            "streamengine-forged-" + Guid.NewGuid().ToString("N") + ".json"
        );
        File.WriteAllText(
            manifest,
            JsonSerializer.Serialize(new Dictionary<string, string> { [new string('0', 64)] = "{ a }" })
        );
        try
        {
            var noManifest = validator.Validate(null, new PersistedOperationsOptions { OnlyTrusted = true });
            var forged = validator.Validate(null, new PersistedOperationsOptions { ManifestPath = manifest });
            var none = validator.Validate(null, new PersistedOperationsOptions());

            Assert.True(noManifest.Failed);
            Assert.Contains("not the SHA-256", forged.FailureMessage, StringComparison.Ordinal);
            Assert.True(none.Succeeded);
        }
        finally
        {
            File.Delete(manifest);
        }
    }
}
