namespace StreamEngine.Infrastructure.Messaging;

/// <summary>The <c>StreamEngine:Redis</c> section. Empty: the embedded default (in-process event bus and
/// limiter).</summary>
public sealed class RedisOptions
{
    public const string Section = "StreamEngine:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g.
    /// <c>redis.internal:6379,password=…,ssl=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key and channel, so several deployments (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "streamengine:";
}
