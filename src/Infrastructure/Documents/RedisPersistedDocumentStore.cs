using StackExchange.Redis;
using StreamEngine.Infrastructure.Messaging;

namespace StreamEngine.Infrastructure.Documents;

/// <summary>Persisted documents in Redis, shared by every instance: <c>streamengine:apq:{hash}</c>, kept for
/// <see cref="Lifetime"/> after their last use (Redis's memory policy bounds the rest).</summary>
public sealed class RedisPersistedDocumentStore(RedisConnection connection) : IPersistedDocumentStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private static RedisKey Key(string hash) => "streamengine:apq:" + hash;

    public async ValueTask<string?> FindAsync(string hash, CancellationToken ct)
    {
        var redis = (await connection.GetAsync()).GetDatabase();
        var value = await redis.StringGetSetExpiryAsync(Key(hash), Lifetime);
        return value.IsNull ? null : value.ToString();
    }

    public async ValueTask KeepAsync(string hash, string document, CancellationToken ct)
    {
        var redis = (await connection.GetAsync()).GetDatabase();
        await redis.StringSetAsync(Key(hash), document, Lifetime);
    }
}
