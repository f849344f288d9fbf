using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests;

public sealed class OperationsTests : IClassFixture<StreamEngineApp>
{
    private readonly StreamEngineApp _app;

    public OperationsTests(StreamEngineApp app)
    {
        _app = app;
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_with_the_database_checked()
    {
        var http = _app.CreateGraphQLClient().Http;
        using var live = await http.GetAsync("/health/live");
        using var ready = await http.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_expose_http_requests_and_graphql_operations_in_prometheus_format()
    {
        var client = _app.CreateGraphQLClient();
        await client.SendAsync("query MetricsProbe { __typename }");
        await client.SendAsync("query Broken { nope }");

        string text = string.Empty;
        for (var i = 0; i < 50 && !text.Contains("MetricsProbe", StringComparison.Ordinal); i++)
        {
            text = await client.Http.GetStringAsync("/metrics");
            await Task.Delay(100);
        }

        Assert.Contains("graphql_operation_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("graphql_operation_name=\"MetricsProbe\"", text, StringComparison.Ordinal);
        Assert.Contains("graphql_operation_errors", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_configuration_the_server_runs_the_embedded_default_under_its_data_directory()
    {
        await _app.CreateGraphQLClient()
            .SendAsync(
                "mutation { register(input: { email: \"ops@example.com\", password: \"violet-harbour-29\", "
                    + "handle: \"ops_user\", displayName: \"Ops\" }) { errors { code } } }"
            );
        var database = _app.Services.GetRequiredService<IOptions<Infrastructure.Persistence.DatabaseOptions>>().Value;

        Assert.Equal(Infrastructure.Persistence.DatabaseProvider.Sqlite, database.Provider);
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "streamengine.db")));
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "keys", "jwt-signing.key")));
        Assert.Single(Outbox.WaitForMessages(_app.DataDirectory, _ => true));
    }

    [Fact]
    public async Task The_embedded_database_writes_ahead_so_readers_do_not_wait_for_writers()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("StreamEngine:Database:Provider", "Postgres", "StreamEngine:Database:ConnectionString")]
    [InlineData("StreamEngine:Pipeline:ChunkSeconds", "6", "StreamEngine:Pipeline:ChunkSeconds must be 0 (off)")]
    [InlineData("StreamEngine:GraphQL:MaxDepth", "1", "StreamEngine:GraphQL:MaxDepth")]
    [InlineData("StreamEngine:Email:Provider", "Smtp", "StreamEngine:Email:Host")]
    [InlineData("StreamEngine:Network:TrustedProxies:0", "not-an-address", "StreamEngine:Network:TrustedProxies")]
    [InlineData("StreamEngine:Auth:SigningKey", "c2hvcnQ=", "StreamEngine:Auth:SigningKey")]
    [InlineData("StreamEngine:Database:Provider", "Oracle", "StreamEngine:Database:Provider")]
    [InlineData(
        "StreamEngine:Pipeline:Provider",
        "Cloudinary",
        "StreamEngine:Cloudinary:CloudName, ApiKey and ApiSecret"
    )]
    [InlineData("StreamEngine:Pipeline:Provider", "Cloudinary", "StreamEngine:PublicBaseUrl is required")]
    [InlineData(
        "StreamEngine:Database:Provider",
        "Postgres",
        "StreamEngine:PublicBaseUrl is required outside the embedded default"
    )]
    [InlineData(
        "StreamEngine:PublicBaseUrl",
        "javascript:alert(1)",
        "StreamEngine:PublicBaseUrl must be an absolute http(s) URL"
    )]
    public void A_wrong_setting_stops_start_up_with_a_message_naming_the_key(string key, string value, string named)
    {
        using var app = StreamEngineApp.With(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? string.Empty : "\n" + Flatten(error.InnerException));
}
