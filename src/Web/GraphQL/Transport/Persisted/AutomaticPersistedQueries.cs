using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Transport.Persisted;

/// <summary>Apollo's automatic persisted queries over HTTP: a client sends the SHA-256 of its document in
/// <c>extensions.persistedQuery { version: 1, sha256Hash }</c> instead of the document; on a miss
/// (<c>PERSISTED_QUERY_NOT_FOUND</c>) it sends the document once with its hash, which is checked and kept. The store is
/// bounded in entries and bytes and forgets the least recently used first, so a client sending new documents cannot
/// grow it.</summary>
public sealed class AutomaticPersistedQueries(
    TrustedDocuments? trusted = null,
    int maxEntries = 2_000,
    long maxBytes = 8 * 1024 * 1024
)
{
    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    public const string NotFoundMessage = "PersistedQueryNotFound";
    public const string HashMismatchCode = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string UnsupportedCode = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Hash, string Query)>> _byHash = new(
        StringComparer.Ordinal
    );
    private readonly LinkedList<(string Hash, string Query)> _recent = new();
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

    /// <summary>The document to execute: the request's own (checked against its hash and kept when it names one),
    /// the one kept for its hash, or why neither.</summary>
    public PersistedQuery Resolve(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Extensions?.TryGetValue("persistedQuery", out var value) != true)
        {
            return new PersistedQuery(request.Query, null);
        }

        if (
            value is not IDictionary<string, object?> persisted
            || !persisted.TryGetValue("version", out var version)
            || version is not IConvertible
            || Convert.ToInt64(version, CultureInfo.InvariantCulture) != 1
        )
        {
            return Refused(UnsupportedCode, "Only version 1 of persisted queries is supported.");
        }

        if (
            !persisted.TryGetValue("sha256Hash", out var hashValue)
            || hashValue is not string { Length: 64 } hash
            || !hash.All(char.IsAsciiHexDigit)
        )
        {
            return Refused(ErrorCodes.InvalidRequest, "persistedQuery.sha256Hash must be 64 hexadecimal digits.");
        }

        hash = hash.ToLowerInvariant();
        if (trusted?.Find(hash) is { } trustedDocument)
        {
            return new PersistedQuery(trustedDocument, null);
        }

        if (trusted?.OnlyTrusted == true)
        {
            return Refused(TrustedDocuments.NotAllowedCode, "Only the trusted documents may run here.");
        }

        if (request.Query is { } query)
        {
            if (!HashOf(query).Equals(hash, StringComparison.Ordinal))
            {
                return Refused(HashMismatchCode, "The provided sha256Hash does not match the query.");
            }

            Keep(hash, query);
            return new PersistedQuery(query, null);
        }

        return Find(hash) is { } found
            ? new PersistedQuery(found, null)
            : new PersistedQuery(null, new RequestError(StatusCodes.Status200OK, NotFoundCode, NotFoundMessage));
    }

    /// <summary>The lowercase hex SHA-256 of the document's UTF-8 text, as Apollo clients compute it.</summary>
    public static string HashOf(string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query ?? string.Empty)));

    private static PersistedQuery Refused(string code, string message) =>
        new(null, new RequestError(StatusCodes.Status400BadRequest, code, message));

    private string? Find(string hash)
    {
        lock (_lock)
        {
            if (!_byHash.TryGetValue(hash, out var node))
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Query;
        }
    }

    private void Keep(string hash, string query)
    {
        var size = (long)query.Length * sizeof(char);
        if (size > maxBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_byHash.ContainsKey(hash))
            {
                return;
            }

            _byHash[hash] = _recent.AddFirst((hash, query));
            _bytes += size;
            while (_byHash.Count > maxEntries || _bytes > maxBytes)
            {
                var oldest = _recent.Last!;
                _recent.RemoveLast();
                _byHash.Remove(oldest.Value.Hash);
                _bytes -= (long)oldest.Value.Query.Length * sizeof(char);
            }
        }
    }
}

/// <summary>The document to execute, or the request error that answers instead.</summary>
public sealed record PersistedQuery(string? Query, RequestError? Error);
