using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Faults;

/// <summary>Fault 4: Redis (a server of the test's own) killed and started again under two instances. A subscriber on
/// one instance keeps its WebSocket and its subscription and receives the next event raised on the other instance
/// after Redis returns; requests go on meanwhile (the limiter fails open, as configured) and the limiter decides
/// with Redis again afterwards.</summary>
public sealed class RedisRestartTests
{
    private const string Subscription =
        "subscription($id: ID!) { videoStatusChanged(videoId: $id) { video { title } } }";

    [Fact]
    public async Task A_subscriber_keeps_its_subscription_across_a_redis_restart_and_the_limiter_recovers()
    {
        await using var redis = await OwnedRedis.StartNewAsync();
        await using var database = await PostgresTestDatabase.CreateAsync();
        var shared = database.ServerSettings();
        shared["StreamEngine:Auth:SigningKey"] = Convert.ToBase64String(
            new byte[32]
                .Select((_, i) => (byte)i)
                .ToArray()
        );
        shared["StreamEngine:Redis:ConnectionString"] = redis.ConnectionString;
        shared["StreamEngine:RateLimiting:Enabled"] = "true";
        shared["StreamEngine:RateLimiting:FailOpen"] = "true";
        await using var instanceA = StreamEngineApp.With(shared);
        await using var instanceB = StreamEngineApp.With(shared);
        var onA = instanceA.CreateGraphQLClient();
        var user = await onA.SignUpAsync("redisfault");
        onA.AccessToken = user.AccessToken;
        var videoId = (await onA.CreateUploadAsync("clip.mp4", 1000))["video"]!["id"]!.GetValue<string>();

        var onB = await RawSocket.ConnectAsync(instanceB, "graphql-transport-ws"); // closed with instance B
        await onB.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await onB.ReceiveAsync();
        await onB.SendAsync(
            new
            {
                id = "s",
                type = "subscribe",
                payload = new { query = Subscription, variables = new { id = videoId } },
            }
        );
        await onB.ReceiveTypeAsync("next"); // the current state
        var titles = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var reading = Task.Run(async () =>
        {
            while (await onB.ReceiveTypeAsync("next", TimeSpan.FromMinutes(3)) is { } next)
            {
                titles.Writer.TryWrite(
                    next["payload"]!["data"]!["videoStatusChanged"]!["video"]!["title"]!.GetValue<string>()
                );
            }
        });
        Assert.Equal("before", await RenameUntilSeenAsync(onA, titles.Reader, videoId, "before"));

        await redis.StopAsync();
        var during = new List<GraphQLResponse>();
        var outage = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            during.Add(
                await onA.SendAsync("query During($id: ID!) { video(id: $id) { title } }", new { id = videoId })
            );
            during.Add(await onA.SendAsync(Rename, new { i = new { videoId, title = $"during {i}" } }));
        }

        var outageTook = outage.Elapsed;
        await redis.StartAsync();
        var seen = await RenameUntilSeenAsync(onA, titles.Reader, videoId, "after");
        for (
            var i = 0;
            i < 100 && !instanceA.Logs.Lines.Any(l => l.Contains("answers the rate limiter", StringComparison.Ordinal));
            i++
        )
        {
            await onA.SendAsync("query After($id: ID!) { video(id: $id) { title } }", new { id = videoId });
            await Task.Delay(200);
        }

        Assert.All(during, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.Status));
        Assert.All(during, r => Assert.Empty(r.ErrorCodes));
        Assert.True(outageTook < TimeSpan.FromSeconds(30), $"10 requests took {outageTook} without Redis");
        Assert.StartsWith("after", seen, StringComparison.Ordinal);
        Assert.Contains(
            instanceA.Logs.Lines,
            l => l.Contains("Redis is unavailable to the rate limiter", StringComparison.Ordinal)
        );
        Assert.Contains(
            instanceA.Logs.Lines,
            l => l.Contains("Redis answers the rate limiter again", StringComparison.Ordinal)
        );
    }

    private const string Rename =
        "mutation Rename($i: UpdateVideoInput!) { updateVideo(input: $i) { video { title } errors { code } } }";

    /// <summary>Renames the video on instance A (one event each) until the subscriber on B sees a title starting with
    /// <paramref name="prefix"/>; returns that title.</summary>
    private static async Task<string> RenameUntilSeenAsync(
        GraphQLClient onA,
        System.Threading.Channels.ChannelReader<string> titles,
        string videoId,
        string prefix
    )
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            (await onA.SendAsync(Rename, new { i = new { videoId, title = $"{prefix} {attempt}" } })).Ok();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var title = await titles.ReadAsync(wait.Token);
                    if (title.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return prefix;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Not yet: Redis may still be reconnecting.
            }
        }

        throw new TimeoutException($"No event titled '{prefix} …' reached the subscriber.");
    }
}
