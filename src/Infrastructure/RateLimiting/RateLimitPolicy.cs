namespace StreamEngine.Infrastructure.RateLimiting;

/// <summary>A token bucket: holds at most <see cref="Capacity"/> tokens and gains <see cref="RefillPerSecond"/>
/// tokens a second, fractions included.</summary>
public sealed record TokenBucket(double Capacity, double RefillPerSecond)
{
    /// <summary>Seconds an empty bucket needs to fill: the window of the RateLimit-Policy header.</summary>
    public double WindowSeconds => Capacity / RefillPerSecond;
}

/// <summary>A named pair of buckets checked together: one shared by everyone, one per client. A request takes its
/// cost from both or from neither.</summary>
public sealed record RateLimitPolicy(string Name, TokenBucket? Global, TokenBucket Client);

/// <summary>The outcome of one check.</summary>
public sealed record RateLimitDecision(
    bool Allowed,
    double ClientRemaining,
    TimeSpan RetryAfter,
    RateLimitPolicy Policy
)
{
    public static RateLimitDecision Allow(RateLimitPolicy policy, double remaining) =>
        new(true, remaining, TimeSpan.Zero, policy);

    public static RateLimitDecision Deny(RateLimitPolicy policy, double remaining, TimeSpan retryAfter) =>
        new(false, remaining, retryAfter, policy);
}

/// <summary>Token-bucket rate limiting (in memory, or atomic in Redis for every instance at once).</summary>
public interface IRateLimiter
{
    /// <summary>Takes <paramref name="cost"/> tokens from the policy's client bucket for <paramref name="clientKey"/>
    /// and from its global bucket, in one atomic step: when either refuses, neither is charged.</summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(
        RateLimitPolicy policy,
        string clientKey,
        double cost,
        CancellationToken ct
    );
}

/// <summary>The bucket arithmetic both adapters share (the Redis adapter runs the same steps in Lua).</summary>
public static class TokenBucketMath
{
    /// <summary>Tokens after refilling from <paramref name="tokens"/> over <paramref name="elapsedSeconds"/>.</summary>
    public static double Refill(TokenBucket bucket, double tokens, double elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return Math.Min(bucket.Capacity, tokens + (Math.Max(0, elapsedSeconds) * bucket.RefillPerSecond));
    }

    /// <summary>Seconds until the bucket holds <paramref name="cost"/> tokens.</summary>
    public static double SecondsUntil(TokenBucket bucket, double tokens, double cost)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return tokens >= cost ? 0 : (Math.Min(cost, bucket.Capacity) - tokens) / bucket.RefillPerSecond;
    }
}
