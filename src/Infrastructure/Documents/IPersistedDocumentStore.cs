namespace StreamEngine.Infrastructure.Documents;

/// <summary>Documents kept by their SHA-256 for automatic persisted queries: in this process (bounded, least recently
/// used out), or in Redis when configured, so a document registered through one instance is found by all.</summary>
public interface IPersistedDocumentStore
{
    ValueTask<string?> FindAsync(string hash, CancellationToken ct);

    ValueTask KeepAsync(string hash, string document, CancellationToken ct);
}
