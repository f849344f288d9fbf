using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Documents that parsed and passed the static validation rules, by their exact text, so a repeated
/// operation (what clients send) is neither parsed nor validated again: only the rules that depend on the request
/// (complexity, which reads variables and charges the rate limit) run each time. Bounded; when full it starts
/// over, so a client sending endless distinct documents costs memory for at most <see cref="Capacity"/> of
/// them.</summary>
public sealed class ValidatedDocuments
{
    public const int Capacity = 1_000;

    /// <summary>Longer texts are not kept (they are rare, and each would hold its whole text).</summary>
    public const int MaxLength = 16 * 1024;

    private ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public GraphQLDocument? Find(string? query) =>
        query is not null && _documents.TryGetValue(query, out var document) ? document : null;

    public void Keep(string? query, GraphQLDocument document)
    {
        if (query is null || query.Length > MaxLength)
        {
            return;
        }

        if (_documents.Count >= Capacity)
        {
            _documents = new ConcurrentDictionary<string, GraphQLDocument>(StringComparer.Ordinal);
        }

        _documents.TryAdd(query, document);
    }

    /// <summary>The parsed document, or null when it does not parse (the executer then reports the syntax error in
    /// its usual shape).</summary>
    public static GraphQLDocument? TryParse(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        try
        {
            return GraphQLParser.Parser.Parse(
                query,
                new GraphQLParser.ParserOptions { Ignore = GraphQLParser.IgnoreOptions.Comments }
            );
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null;
        }
    }
}
