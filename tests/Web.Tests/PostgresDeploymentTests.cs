using System.Net;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests;

/// <summary>The production configuration: PostgreSQL with migrations at start-up, Redis checked by readiness.</summary>
public sealed class PostgresDeploymentTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private StreamEngineApp _app = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var settings = _database.ServerSettings();
        settings["StreamEngine:Redis:ConnectionString"] = TestEnvironment.Require(TestEnvironment.Redis);
        _app = StreamEngineApp.With(settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Accounts_work_end_to_end_on_postgres_and_readiness_checks_database_and_redis()
    {
        var client = _app.CreateGraphQLClient();

        var user = await client.SignUpAsync("pg");
        var device = (await client.LoginAsync(user.Email)).Session("login", user.Email);
        var rotated = (await client.RefreshAsync(device.RefreshToken)).Session("refreshSession", user.Email);
        var replay = await client.RefreshAsync(device.RefreshToken);
        using var ready = await client.Http.GetAsync("/health/ready");
        var readiness = await ready.Content.ReadAsStringAsync();

        Assert.Equal(
            user.UserId,
            (await client.MeAsync(user.AccessToken)).Ok()["me"]!["user"]!["id"]!.GetValue<string>()
        );
        Assert.Equal(["TOKEN_INVALID"], replay.PayloadErrorCodes("refreshSession"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.MeAsync(rotated.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"redis\":{\"status\":\"Healthy\"", readiness, StringComparison.Ordinal);
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", readiness, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_fails_when_redis_is_unreachable()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Redis:ConnectionString"] = "127.0.0.1:1,connectTimeout=500",
            }
        );
        using var ready = await app.CreateGraphQLClient().Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains(
            "\"redis\":{\"status\":\"Unhealthy\"",
            await ready.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }
}
