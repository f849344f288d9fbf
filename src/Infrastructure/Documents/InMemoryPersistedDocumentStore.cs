namespace StreamEngine.Infrastructure.Documents;

/// <summary>The embedded default's store: bounded in entries and bytes, least recently used out, so clients sending
/// new documents cannot grow it.</summary>
public sealed class InMemoryPersistedDocumentStore(int maxEntries = 2_000, long maxBytes = 8 * 1024 * 1024)
    : IPersistedDocumentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Hash, string Document)>> _byHash = new(
        StringComparer.Ordinal
    );
    private readonly LinkedList<(string Hash, string Document)> _recent = new();
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byHash.Count;
            }
        }
    }

    public ValueTask<string?> FindAsync(string hash, CancellationToken ct)
    {
        lock (_lock)
        {
            if (!_byHash.TryGetValue(hash, out var node))
            {
                return ValueTask.FromResult<string?>(null);
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return ValueTask.FromResult<string?>(node.Value.Document);
        }
    }

    public ValueTask KeepAsync(string hash, string document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var size = (long)document.Length * sizeof(char);
        if (size > maxBytes)
        {
            return ValueTask.CompletedTask;
        }

        lock (_lock)
        {
            if (_byHash.ContainsKey(hash))
            {
                return ValueTask.CompletedTask;
            }

            _byHash[hash] = _recent.AddFirst((hash, document));
            _bytes += size;
            while (_byHash.Count > maxEntries || _bytes > maxBytes)
            {
                var oldest = _recent.Last!;
                _recent.RemoveLast();
                _byHash.Remove(oldest.Value.Hash);
                _bytes -= (long)oldest.Value.Document.Length * sizeof(char);
            }
        }

        return ValueTask.CompletedTask;
    }
}
