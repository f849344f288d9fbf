using GraphQL.DataLoader;

namespace StreamEngine.Web.GraphQL.Batching;

/// <summary>Collects the keys resolvers ask for while the executor walks one level of the result, and fetches them
/// all with one call when the first value is needed (graphql-dotnet completes every pending
/// <see cref="IDataLoaderResult"/> after the level's other fields). Values are kept for the rest of the request, so a
/// key is fetched at most once.</summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch
)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue?> _loaded = [];
    private readonly HashSet<TKey> _pending = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_pending)
        {
            if (!_loaded.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }

        return new Pending(this, key);
    }

    /// <summary>Takes a value read with something else (an owner joined into a list's page), so that a later
    /// <see cref="Load"/> of its key fetches nothing.</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_pending)
        {
            _loaded.TryAdd(key, value);
            _pending.Remove(key);
        }
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken ct)
    {
        // Queries run with the serial execution strategy (one resolver at a time), so no two fetches overlap.
        if (_loaded.TryGetValue(key, out var value))
        {
            return value;
        }

        List<TKey> batch;
        lock (_pending)
        {
            _pending.Add(key);
            batch = [.. _pending];
            _pending.Clear();
        }

        var fetched = await fetch(batch, ct);
        foreach (var k in batch)
        {
            _loaded[k] = fetched.TryGetValue(k, out var v) ? v : default;
        }

        return _loaded[key];
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) =>
            loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

/// <summary>The batch loaders of one request (a scoped service), one per name.</summary>
public sealed class RequestBatches
{
    private readonly Dictionary<string, object> _loaders = [];

    public BatchLoader<TKey, TValue> Get<TKey, TValue>(
        string name,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch
    )
        where TKey : notnull
    {
        lock (_loaders)
        {
            if (!_loaders.TryGetValue(name, out var loader))
            {
                loader = new BatchLoader<TKey, TValue>(fetch);
                _loaders[name] = loader;
            }

            return (BatchLoader<TKey, TValue>)loader;
        }
    }
}

/// <summary>Mapping a pending batched value without awaiting it (the executor still completes it with its
/// batch).</summary>
public static class DataLoaderResults
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, TOut> map) =>
        new Mapped<TIn, TOut>(source, map);

    public static IDataLoaderResult<T> Done<T>(T value) => new Completed<T>(value);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> source, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await source.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    private sealed class Completed<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            Task.FromResult<object?>(value);
    }
}
