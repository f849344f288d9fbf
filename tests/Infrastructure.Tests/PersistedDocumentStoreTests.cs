using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.Documents;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

public sealed class PersistedDocumentStoreTests
{
    [Fact]
    public async Task In_process_the_least_recently_used_document_goes_first_when_the_store_is_full()
    {
        var store = new InMemoryPersistedDocumentStore(maxEntries: 2);
        await store.KeepAsync("a", "{ a }", default);
        await store.KeepAsync("b", "{ b }", default);
        await store.FindAsync("a", default);
        await store.KeepAsync("c", "{ c }", default);

        Assert.Equal(2, store.Count);
        Assert.Equal("{ a }", await store.FindAsync("a", default));
        Assert.Null(await store.FindAsync("b", default));
    }

    [Fact]
    public async Task In_process_a_document_larger_than_the_byte_bound_is_not_kept()
    {
        var store = new InMemoryPersistedDocumentStore(maxBytes: 100);

        await store.KeepAsync("big", new string('x', 200), default);

        Assert.Null(await store.FindAsync("big", default));
    }

    [Fact]
    public async Task In_redis_a_document_kept_by_one_instance_is_found_by_another_and_expires()
    {
        var options = Options.Create(
            new RedisOptions { ConnectionString = TestEnvironment.Require(TestEnvironment.Redis) }
        );
        await using var first = new RedisConnection(options);
        await using var second = new RedisConnection(options);
        var hash = Guid.NewGuid().ToString("N");

        await new RedisPersistedDocumentStore(first).KeepAsync(hash, "{ shared }", default);
        var found = await new RedisPersistedDocumentStore(second).FindAsync(hash, default);
        var ttl = await (await second.GetAsync()).GetDatabase().KeyTimeToLiveAsync("streamengine:apq:" + hash);

        Assert.Equal("{ shared }", found);
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), RedisPersistedDocumentStore.Lifetime);
        Assert.Null(await new RedisPersistedDocumentStore(second).FindAsync("missing-" + hash, default));
    }
}
