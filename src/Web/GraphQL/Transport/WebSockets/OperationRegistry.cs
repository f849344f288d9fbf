using System.Collections.Concurrent;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>The running operations of one connection by id: at most <paramref name="capacity"/> at once, an id used
/// once while it runs, each disposed exactly once whichever of stop, completion or close comes first.</summary>
internal sealed class OperationRegistry(int capacity)
{
    private readonly ConcurrentDictionary<string, WebSocketOperation> _running = new(StringComparer.Ordinal);

    public bool IsFull => _running.Count >= capacity;

    public bool IsRunning(string id) => _running.ContainsKey(id);

    /// <summary>False when an operation with this id already runs.</summary>
    public bool TryAdd(WebSocketOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _running.TryAdd(operation.Id, operation);
    }

    /// <summary>Ends operation <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> StopAsync(string id)
    {
        if (!_running.TryRemove(id, out var stopped))
        {
            return false;
        }

        await stopped.DisposeAsync();
        return true;
    }

    /// <summary>Removes this very operation (not a later one that reuses its id) and disposes it.</summary>
    public async Task RemoveAsync(WebSocketOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (_running.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation)))
        {
            await operation.DisposeAsync();
        }
    }

    public async Task StopAllAsync()
    {
        foreach (var id in _running.Keys)
        {
            await StopAsync(id);
        }
    }
}
