using System.Diagnostics;
using System.Net;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

/// <summary>Instances keep sessions they found active for a few seconds (StreamEngine:Accounts:ActiveSessionCache);
/// a logout on one instance still ends the session on the other as soon as the event crosses Redis, long before
/// that lifetime, and at once on the instance that ended it.</summary>
public sealed class SessionCacheTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private StreamEngineApp _a = null!;
    private StreamEngineApp _b = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var settings = _database.ServerSettings();
        settings["StreamEngine:Redis:ConnectionString"] = TestEnvironment.Require(TestEnvironment.Redis);
        settings["StreamEngine:Redis:KeyPrefix"] = $"sessions-{Guid.NewGuid():N}:";
        // A long lifetime, so that only the event can explain a refusal within the test.
        settings["StreamEngine:Accounts:ActiveSessionCache"] = "00:05:00";
        _a = StreamEngineApp.With(settings);
        _b = StreamEngineApp.With(settings);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_logout_on_one_instance_ends_the_session_cached_on_both()
    {
        var onA = _a.CreateGraphQLClient();
        var onB = _b.CreateGraphQLClient();
        var user = await onA.SignUpAsync("cached");
        // Both instances have now found the session active, and keep it.
        Assert.Equal(HttpStatusCode.OK, (await onA.MeAsync(user.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await onB.MeAsync(user.AccessToken)).Status);

        onA.AccessToken = user.AccessToken;
        (await onA.SendAsync("mutation { logout { sessionsEnded } }")).Ok();

        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.MeAsync(user.AccessToken)).Status);
        var waited = Stopwatch.StartNew();
        while ((await onB.MeAsync(user.AccessToken)).Status == HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "Instance B still accepts the ended session.");
            await Task.Delay(20);
        }
    }
}
