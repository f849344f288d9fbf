using System.Text.Json;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace StreamEngine.Web.GraphQL.Transport.Persisted;

/// <summary>The <c>StreamEngine:GraphQL:PersistedOperations</c> section: a manifest of trusted documents (a JSON
/// object from each document's SHA-256 in hex to its text, as GraphQL Code Generator's persisted documents and
/// Apollo's generated manifests write it), and whether only those may run.</summary>
public sealed class PersistedOperationsOptions
{
    public const string Section = "StreamEngine:GraphQL:PersistedOperations";

    /// <summary>Path of the manifest (absolute, or relative to the working directory); empty: none.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>Refuse every document that is not in the manifest (<c>PERSISTED_QUERY_NOT_ALLOWED</c>), over HTTP and
    /// WebSocket; introspection stays allowed while the IDE is on.</summary>
    public bool OnlyTrusted { get; set; }
}

/// <summary>The trusted documents loaded from the manifest at start-up, each checked against its hash.</summary>
public sealed class TrustedDocuments
{
    public const string NotAllowedCode = "PERSISTED_QUERY_NOT_ALLOWED";

    private readonly Dictionary<string, string> _byHash;
    private readonly bool _introspectionAllowed;

    public TrustedDocuments(IOptions<PersistedOperationsOptions> options, IOptions<GraphQLOptions> graphQL)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(graphQL);
        OnlyTrusted = options.Value.OnlyTrusted;
        _introspectionAllowed = graphQL.Value.EnableIde && graphQL.Value.EnableIntrospection;
        _byHash = Load(options.Value.ManifestPath, out var problem) ?? throw new InvalidOperationException(problem);
    }

    public bool OnlyTrusted { get; }

    public int Count => _byHash.Count;

    public string? Find(string hash) => _byHash.GetValueOrDefault(hash);

    /// <summary>Whether a document may run: any, unless only trusted ones may; then one in the manifest, or (while the
    /// IDE is on) one that only introspects.</summary>
    public bool Allows(string? query, GraphQLDocument? document) =>
        !OnlyTrusted
        || (query is not null && _byHash.ContainsKey(AutomaticPersistedQueries.HashOf(query)))
        || (_introspectionAllowed && document is not null && OnlyIntrospects(document));

    /// <summary>Reads and checks a manifest; null with the reason when it cannot be used.</summary>
    public static Dictionary<string, string>? Load(string? path, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            var manifest =
                JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
                ?? throw new JsonException("The manifest is null.");
            var checkedManifest = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (hash, document) in manifest)
            {
                if (!AutomaticPersistedQueries.HashOf(document).Equals(hash, StringComparison.OrdinalIgnoreCase))
                {
                    problem =
                        $"{PersistedOperationsOptions.Section}: the manifest entry {hash} is not the SHA-256 "
                        + "of its document.";
                    return null;
                }

                checkedManifest[hash.ToLowerInvariant()] = document;
            }

            return checkedManifest;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            problem = $"{PersistedOperationsOptions.Section}:ManifestPath {path} cannot be read: {ex.Message}";
            return null;
        }
    }

    private static bool OnlyIntrospects(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLOperationDefinition>().Any()
        && document
            .Definitions.OfType<GraphQLOperationDefinition>()
            .All(o =>
                o.Operation == OperationType.Query
                && o.SelectionSet.Selections.All(s =>
                    s is GraphQLField f && f.Name.StringValue is "__schema" or "__type" or "__typename"
                )
            );
}

internal sealed class PersistedOperationsOptionsValidator : IValidateOptions<PersistedOperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, PersistedOperationsOptions options)
    {
        if (options.OnlyTrusted && string.IsNullOrWhiteSpace(options.ManifestPath))
        {
            return ValidateOptionsResult.Fail(
                $"{PersistedOperationsOptions.Section}:OnlyTrusted needs a ManifestPath with the trusted documents."
            );
        }

        return TrustedDocuments.Load(options.ManifestPath, out var problem) is null
            ? ValidateOptionsResult.Fail(problem!)
            : ValidateOptionsResult.Success;
    }
}
