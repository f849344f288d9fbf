using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamEngine.Infrastructure.Messaging;

namespace StreamEngine.Infrastructure.RateLimiting;

/// <summary>Token buckets in Redis, shared by every instance: one Lua script, loaded once and called with EVALSHA
/// (loaded again after a NOSCRIPT), takes the time from Redis TIME rather than any server's clock, checks the client
/// bucket then the global one and charges both or neither. Keys expire once a bucket would be full again, so idle
/// clients leave nothing behind. When Redis cannot be reached the configured fail-open or fail-closed answer is
/// given, never an exception.</summary>
public sealed class RedisRateLimiter : IRateLimiter, IDisposable
{
    public const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
        local ccap, crate = tonumber(ARGV[1]), tonumber(ARGV[2])
        local gcap, grate = tonumber(ARGV[3]), tonumber(ARGV[4])
        local cost = tonumber(ARGV[5])
        local function refilled(key, cap, rate)
          local v = redis.call('HMGET', key, 'tokens', 'ts')
          local tokens, ts = tonumber(v[1]), tonumber(v[2])
          if tokens == nil or ts == nil then return cap end
          local elapsed = now - ts
          if elapsed < 0 then elapsed = 0 end
          return math.min(cap, tokens + elapsed * rate)
        end
        local client = refilled(KEYS[1], ccap, crate)
        if client < cost then
          return {0, tostring(client), tostring((math.min(cost, ccap) - client) / crate)}
        end
        if gcap > 0 then
          local global = refilled(KEYS[2], gcap, grate)
          if global < cost then
            return {0, tostring(client), tostring((math.min(cost, gcap) - global) / grate)}
          end
          redis.call('HSET', KEYS[2], 'tokens', tostring(global - cost), 'ts', tostring(now))
          redis.call('PEXPIRE', KEYS[2], math.ceil(gcap / grate * 1000) + 1000)
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(client - cost), 'ts', tostring(now))
        redis.call('PEXPIRE', KEYS[1], math.ceil(ccap / crate * 1000) + 1000)
        return {1, tostring(client - cost), '0'}
        """;

    private readonly RedisConnection _connection;
    private readonly IOptions<RateLimitingOptions> _options;
    private readonly ILogger<RedisRateLimiter> _logger;
    private readonly Counter<long> _failOpen;
    private readonly Meter _meter;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _sha;
    private int _outage;

    private readonly string _prefix;

    public RedisRateLimiter(
        RedisConnection connection,
        IOptions<RateLimitingOptions> options,
        IOptions<RedisOptions> redis,
        ILogger<RedisRateLimiter> logger,
        IMeterFactory meters
    )
    {
        ArgumentNullException.ThrowIfNull(redis);
        _prefix = redis.Value.KeyPrefix + "rl:";
        ArgumentNullException.ThrowIfNull(meters);
        _connection = connection;
        _options = options;
        _logger = logger;
        _meter = meters.Create(InfrastructureMeters.Names[0]);
        _failOpen = _meter.CreateCounter<long>(
            "ratelimit.store_unavailable",
            "{decision}",
            "Rate-limit decisions made without Redis (fail-open or fail-closed)."
        );
    }

    public async ValueTask<RateLimitDecision> TryAcquireAsync(
        RateLimitPolicy policy,
        string clientKey,
        double cost,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            var redis = await _connection.GetAsync();
            if (!redis.IsConnected)
            {
                // Decided now, not after the multiplexer's timeout: a Redis outage must not slow every request.
                return Unreachable(policy, "Redis is not connected.");
            }

            var database = redis.GetDatabase();
            RedisKey[] keys = [$"{_prefix}{policy.Name}:c:{clientKey}", $"{_prefix}{policy.Name}:g"];
            RedisValue[] values =
            [
                policy.Client.Capacity,
                policy.Client.RefillPerSecond,
                policy.Global?.Capacity ?? 0,
                policy.Global?.RefillPerSecond ?? 1,
                cost,
            ];
            var result = await EvaluateAsync(database, keys, values);
            if (Interlocked.Exchange(ref _outage, 0) == 1)
            {
                _logger.LogInformation("Redis answers the rate limiter again");
            }

            var parts = (RedisValue[])result!;
            var remaining = double.Parse((string)parts[1]!, CultureInfo.InvariantCulture);
            return (long)parts[0] == 1
                ? RateLimitDecision.Allow(policy, remaining)
                : RateLimitDecision.Deny(
                    policy,
                    remaining,
                    TimeSpan.FromSeconds(double.Parse((string)parts[2]!, CultureInfo.InvariantCulture))
                );
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return Unreachable(policy, ex.Message);
        }
    }

    /// <summary>The decision without Redis: allowed (fail-open) or refused, as configured; logged once per
    /// outage.</summary>
    private RateLimitDecision Unreachable(RateLimitPolicy policy, string reason)
    {
        var failOpen = _options.Value.FailOpen;
        _failOpen.Add(1, new KeyValuePair<string, object?>("ratelimit.outcome", failOpen ? "allowed" : "refused"));
        if (Interlocked.Exchange(ref _outage, 1) == 0)
        {
            _logger.LogError(
                "Redis is unavailable to the rate limiter ({Reason}); requests are {Outcome} until it answers again",
                reason,
                failOpen ? "allowed (fail-open)" : "refused (fail-closed)"
            );
        }

        return failOpen
            ? RateLimitDecision.Allow(policy, policy.Client.Capacity)
            : RateLimitDecision.Deny(policy, 0, TimeSpan.FromSeconds(1));
    }

    public void Dispose()
    {
        _loading.Dispose();
        _meter.Dispose();
    }

    private async Task<RedisResult> EvaluateAsync(IDatabase database, RedisKey[] keys, RedisValue[] values)
    {
        var sha = _sha ?? await LoadAsync(database);
        try
        {
            return await database.ScriptEvaluateAsync(sha, keys, values);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // Redis restarted or was flushed: load the script again, once, and retry.
            _sha = null;
            return await database.ScriptEvaluateAsync(await LoadAsync(database), keys, values);
        }
    }

    private async Task<byte[]> LoadAsync(IDatabase database)
    {
        await _loading.WaitAsync();
        try
        {
            if (_sha is null)
            {
                var loaded = await database.ExecuteAsync("SCRIPT", "LOAD", Script);
                _sha = Convert.FromHexString((string)loaded!);
            }

            return _sha;
        }
        finally
        {
            _loading.Release();
        }
    }
}
