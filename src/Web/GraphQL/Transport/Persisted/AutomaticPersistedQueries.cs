using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GraphQL.Transport;
using StreamEngine.Infrastructure.Documents;

namespace StreamEngine.Web.GraphQL.Transport.Persisted;

/// <summary>Apollo's automatic persisted queries over HTTP: a client sends the SHA-256 of its document in
/// <c>extensions.persistedQuery { version: 1, sha256Hash }</c> instead of the document; on a miss
/// (<c>PERSISTED_QUERY_NOT_FOUND</c>) it sends the document once with its hash, which is checked and kept in the
/// <see cref="IPersistedDocumentStore"/> (bounded in process, or Redis shared by every instance).</summary>
public sealed class AutomaticPersistedQueries(IPersistedDocumentStore store, TrustedDocuments? trusted = null)
{
    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    public const string NotFoundMessage = "PersistedQueryNotFound";
    public const string HashMismatchCode = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string UnsupportedCode = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";

    /// <summary>The document to execute: the request's own (checked against its hash when it names one),
    /// a trusted or kept one for its hash, or why none.</summary>
    public async ValueTask<PersistedQuery> ResolveAsync(GraphQLRequest request, CancellationToken ct)
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

            // Kept only once it has run (KeepAsync): a document refused by validation or the rate limit takes no
            // room in the store, so registering costs what running costs.
            return new PersistedQuery(query, null) { HashToKeep = hash };
        }

        return await store.FindAsync(hash, ct) is { } found
            ? new PersistedQuery(found, null)
            : new PersistedQuery(null, new RequestError(StatusCodes.Status200OK, NotFoundCode, NotFoundMessage));
    }

    /// <summary>Keeps a document that was sent with its hash, after it ran.</summary>
    public ValueTask KeepAsync(PersistedQuery resolved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return resolved is { HashToKeep: { } hash, Query: { } query }
            ? store.KeepAsync(hash, query, ct)
            : ValueTask.CompletedTask;
    }

    /// <summary>The lowercase hex SHA-256 of the document's UTF-8 text, as Apollo clients compute it.</summary>
    public static string HashOf(string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query ?? string.Empty)));

    private static PersistedQuery Refused(string code, string message) =>
        new(null, new RequestError(StatusCodes.Status400BadRequest, code, message));
}

/// <summary>The document to execute, or the request error that answers instead.</summary>
public sealed record PersistedQuery(string? Query, RequestError? Error)
{
    /// <summary>The hash under which to keep <see cref="Query"/> once it has run, when the client sent both.</summary>
    public string? HashToKeep { get; init; }
}
