using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.Infrastructure.RateLimiting;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>One suite, two adapters: the in-memory limiter (with a clock the test moves) and the Redis limiter (real
/// Redis, real time, short windows) must decide alike.</summary>
public abstract class RateLimiterContractTests : IAsyncLifetime
{
    protected IRateLimiter Limiter { get; set; } = null!;

    protected abstract Task WaitAsync(TimeSpan time);

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    private static string Client() => Guid.NewGuid().ToString("N");

    private static RateLimitPolicy Policy(
        double clientCapacity,
        double clientRate,
        double? globalCapacity = null,
        double? globalRate = null
    ) =>
        new(
            "test-" + Guid.NewGuid().ToString("N")[..8],
            globalCapacity is { } g ? new TokenBucket(g, globalRate!.Value) : null,
            new TokenBucket(clientCapacity, clientRate)
        );

    [Fact]
    public async Task A_burst_up_to_the_capacity_passes_and_the_next_request_is_refused_with_a_retry_time()
    {
        // A slow refill, so that a busy machine taking its time between calls cannot change the outcome.
        var policy = Policy(5, 0.01);
        var client = Client();

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await Limiter.TryAcquireAsync(policy, client, 1, default));
        }

        Assert.All(decisions.Take(5), d => Assert.True(d.Allowed));
        Assert.False(decisions[5].Allowed);
        Assert.InRange(decisions[5].RetryAfter.TotalSeconds, 90, 100);
        Assert.InRange(decisions[4].ClientRemaining, 0, 0.1);
    }

    [Fact]
    public async Task Tokens_come_back_at_the_refill_rate()
    {
        // A token every 2 s. The refusals are judged by the time that really passed, so a stalled machine (which
        // rightly gets tokens back sooner than planned) cannot fail the test.
        var policy = Policy(2, 0.5);
        var client = Client();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Limiter.TryAcquireAsync(policy, client, 1, default);
        await Limiter.TryAcquireAsync(policy, client, 1, default);
        var third = await Limiter.TryAcquireAsync(policy, client, 1, default);
        var atThird = started.Elapsed;

        await WaitAsync(TimeSpan.FromMilliseconds(2300));
        var back = await Limiter.TryAcquireAsync(policy, client, 1, default);
        var again = await Limiter.TryAcquireAsync(policy, client, 1, default);
        var atAgain = started.Elapsed;

        Assert.True(back.Allowed);
        if (atThird < TimeSpan.FromSeconds(1.5))
        {
            Assert.False(third.Allowed);
        }

        if (!third.Allowed && atAgain < TimeSpan.FromSeconds(7))
        {
            Assert.False(again.Allowed);
        }
    }

    [Fact]
    public async Task Fractional_refill_is_kept_between_requests()
    {
        // Half a token a second: each 1.2 s adds 0.6 of a token. Rounding down each time would never reach a whole
        // token. The early check is judged by the time that really passed, so a stalled machine cannot fail it.
        var policy = Policy(1, 0.5);
        var client = Client();

        // The limiter reads its clock somewhere inside each call; the first call's own length (a connection made
        // under load, say) is counted on the safe side of every judgement below.
        var first = System.Diagnostics.Stopwatch.StartNew();
        Assert.True((await Limiter.TryAcquireAsync(policy, client, 1, default)).Allowed);
        var firstCall = first.Elapsed;
        var started = System.Diagnostics.Stopwatch.StartNew();

        await WaitAsync(TimeSpan.FromMilliseconds(1200));
        var beforeEarly = started.Elapsed;
        var early = await Limiter.TryAcquireAsync(policy, client, 1, default);
        var afterEarly = started.Elapsed;
        await WaitAsync(TimeSpan.FromMilliseconds(1200));
        var beforeLater = started.Elapsed;
        var later = await Limiter.TryAcquireAsync(policy, client, 1, default);

        // Surely under a token's refill at the early request, or surely over it; a call that straddles the moment
        // may rightly go either way.
        if (afterEarly + firstCall < TimeSpan.FromSeconds(1.9))
        {
            Assert.False(early.Allowed);
            if (beforeLater >= TimeSpan.FromSeconds(2))
            {
                Assert.True(later.Allowed);
            }
        }
        else if (beforeEarly >= TimeSpan.FromSeconds(2))
        {
            // The machine stalled for a whole token's refill: the early request rightly had one.
            Assert.True(early.Allowed);
        }
    }

    [Fact]
    public async Task A_request_refused_by_its_client_bucket_spends_no_global_token()
    {
        var policy = Policy(1, 0.001, 3, 0.001);
        var greedy = Client();

        var first = await Limiter.TryAcquireAsync(policy, greedy, 1, default);
        var refused = new List<RateLimitDecision>();
        for (var i = 0; i < 5; i++)
        {
            refused.Add(await Limiter.TryAcquireAsync(policy, greedy, 1, default));
        }

        var others = new List<RateLimitDecision>();
        for (var i = 0; i < 3; i++)
        {
            others.Add(await Limiter.TryAcquireAsync(policy, Client(), 1, default));
        }

        Assert.True(first.Allowed);
        Assert.All(refused, d => Assert.False(d.Allowed));
        Assert.True(others[0].Allowed);
        Assert.True(others[1].Allowed);
        Assert.False(others[2].Allowed);
    }

    [Fact]
    public async Task A_request_refused_by_the_global_bucket_spends_no_client_token()
    {
        var policy = Policy(2, 0.001, 1, 0.001);
        var a = Client();
        var b = Client();

        Assert.True((await Limiter.TryAcquireAsync(policy, a, 1, default)).Allowed);
        var refusedGlobally = await Limiter.TryAcquireAsync(policy, b, 1, default);

        Assert.False(refusedGlobally.Allowed);
        Assert.Equal(2, refusedGlobally.ClientRemaining, 3);
    }

    [Fact]
    public async Task A_weighted_request_costs_its_weight()
    {
        var policy = Policy(10, 0.001);
        var client = Client();

        var heavy = await Limiter.TryAcquireAsync(policy, client, 7, default);
        var tooHeavy = await Limiter.TryAcquireAsync(policy, client, 4, default);
        var light = await Limiter.TryAcquireAsync(policy, client, 3, default);

        Assert.True(heavy.Allowed);
        Assert.False(tooHeavy.Allowed);
        Assert.True(light.Allowed);
    }
}

public sealed class InMemoryRateLimiterTests : RateLimiterContractTests
{
    private readonly TestClock _clock = new();

    public override Task InitializeAsync()
    {
        Limiter = new InMemoryRateLimiter(_clock);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync() => Task.CompletedTask;

    protected override Task WaitAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public sealed class RedisRateLimiterTests : RateLimiterContractTests
{
    private RedisConnection _connection = null!;

    public override Task InitializeAsync()
    {
        _connection = new RedisConnection(
            Options.Create(new RedisOptions { ConnectionString = TestEnvironment.Require(TestEnvironment.Redis) })
        );
        Limiter = new RedisRateLimiter(
            _connection,
            Options.Create(new RateLimitingOptions()),
            Options.Create(new RedisOptions()),
            NullLogger<RedisRateLimiter>.Instance,
            new TestMeterFactory()
        );
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync() => await _connection.DisposeAsync();

    protected override Task WaitAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task Idle_buckets_expire_and_a_flushed_script_cache_is_reloaded()
    {
        var policy = new RateLimitPolicy(
            "expiry-" + Guid.NewGuid().ToString("N")[..8],
            new TokenBucket(100, 50),
            new TokenBucket(2, 4)
        );
        var client = Guid.NewGuid().ToString("N");
        await Limiter.TryAcquireAsync(policy, client, 1, default);
        var redis = await _connection.GetAsync();
        var database = redis.GetDatabase();
        var ttl = await database.KeyTimeToLiveAsync($"streamengine:rl:{policy.Name}:c:{client}");

        await database.ExecuteAsync("SCRIPT", "FLUSH");
        var afterFlush = await Limiter.TryAcquireAsync(policy, client, 1, default);

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value.TotalSeconds, 0.5, 1.6);
        Assert.True(afterFlush.Allowed);
    }

    [Fact]
    public async Task When_redis_is_unreachable_it_fails_open_or_closed_as_configured_without_throwing()
    {
        var policy = new RateLimitPolicy("down", null, new TokenBucket(1, 1));
        await using var down = new RedisConnection(
            Options.Create(new RedisOptions { ConnectionString = "127.0.0.1:1,connectTimeout=300,abortConnect=false" })
        );
        using var open = new RedisRateLimiter(
            down,
            Options.Create(new RateLimitingOptions { FailOpen = true }),
            Options.Create(new RedisOptions()),
            NullLogger<RedisRateLimiter>.Instance,
            new TestMeterFactory()
        );
        using var closed = new RedisRateLimiter(
            down,
            Options.Create(new RateLimitingOptions { FailOpen = false }),
            Options.Create(new RedisOptions()),
            NullLogger<RedisRateLimiter>.Instance,
            new TestMeterFactory()
        );

        Assert.True((await open.TryAcquireAsync(policy, "c", 1, default)).Allowed);
        Assert.False((await closed.TryAcquireAsync(policy, "c", 1, default)).Allowed);
    }
}

internal sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
{
    public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

    public void Dispose() { }
}
