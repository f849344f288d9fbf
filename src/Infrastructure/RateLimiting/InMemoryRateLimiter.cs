using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.RateLimiting;

/// <summary>Token buckets in this process, for the embedded default: the same steps as the Redis script, under one
/// lock so that the client and global buckets change together or not at all.</summary>
public sealed class InMemoryRateLimiter(IClock clock) : IRateLimiter
{
    private readonly Dictionary<string, State> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _calls;

    public ValueTask<RateLimitDecision> TryAcquireAsync(
        RateLimitPolicy policy,
        string clientKey,
        double cost,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = clock.UtcNow;
        var clientId = $"{policy.Name}:c:{clientKey}";
        var globalId = $"{policy.Name}:g";
        lock (_gate)
        {
            if (++_calls % 10_000 == 0)
            {
                SweepIdle(now);
            }

            var client = Refilled(clientId, policy.Client, now);
            if (client < cost)
            {
                return ValueTask.FromResult(
                    RateLimitDecision.Deny(
                        policy,
                        client,
                        Seconds(TokenBucketMath.SecondsUntil(policy.Client, client, cost))
                    )
                );
            }

            if (policy.Global is { } globalBucket)
            {
                var global = Refilled(globalId, globalBucket, now);
                if (global < cost)
                {
                    return ValueTask.FromResult(
                        RateLimitDecision.Deny(
                            policy,
                            client,
                            Seconds(TokenBucketMath.SecondsUntil(globalBucket, global, cost))
                        )
                    );
                }

                _buckets[globalId] = new State(global - cost, now, globalBucket.WindowSeconds);
            }

            _buckets[clientId] = new State(client - cost, now, policy.Client.WindowSeconds);
            return ValueTask.FromResult(RateLimitDecision.Allow(policy, client - cost));
        }
    }

    private double Refilled(string id, TokenBucket bucket, DateTimeOffset now) =>
        _buckets.TryGetValue(id, out var state)
            ? TokenBucketMath.Refill(bucket, state.Tokens, (now - state.At).TotalSeconds)
            : bucket.Capacity;

    /// <summary>A bucket idle for its whole window is full again; forgetting it changes nothing.</summary>
    private void SweepIdle(DateTimeOffset now)
    {
        foreach (
            var idle in _buckets
                .Where(b => (now - b.Value.At).TotalSeconds >= b.Value.WindowSeconds)
                .Select(b => b.Key)
                .ToList()
        )
        {
            _buckets.Remove(idle);
        }
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Max(0, seconds));

    private readonly record struct State(double Tokens, DateTimeOffset At, double WindowSeconds);
}
