using System.Text.RegularExpressions;
using GraphQL.Types;
using StreamEngine.TestSupport;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.Tests.Schema;

/// <summary>The contract's conventions, checked over the whole schema so a new field cannot slip past them: everything
/// described; every mutation with its own input and nullable payload; every object a client caches has an id; every
/// code the application produces is in the ErrorCode enum.</summary>
public sealed partial class SchemaDesignTests
{
    // Value objects: embedded in the object that carries them, never cached on their own.
    private static readonly HashSet<string> ValueTypes =
    [
        "Query",
        "Mutation",
        "Subscription",
        "PageInfo",
        "UserError",
        "Rendition",
        "Playback",
        "SignedLink",
        "Storyboard",
        "Caption",
        "Thumbnail",
        "VideoDownload",
        "VideoProgress",
        "HttpHeader",
        "UploadPart",
        "ReceivedPart",
        "ChannelImageUpload",
        "ServerInfo",
    ];

    private static readonly ISchema Schema = SchemaExport.BuildSchema();

    [Fact]
    public void Every_type_field_argument_and_enum_value_is_described()
    {
        var missing = new List<string>();
        foreach (var type in Schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            if (type is ScalarGraphType { Name: "String" or "Int" or "Float" or "Boolean" or "ID" })
            {
                continue;
            }

            Check(type.Name, type.Description);
            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    Check($"{type.Name}.{field.Name}", field.Description);
                    foreach (var argument in field.Arguments ?? [])
                    {
                        Check($"{type.Name}.{field.Name}({argument.Name})", argument.Description);
                    }
                }
            }

            if (type is EnumerationGraphType enumeration)
            {
                foreach (var value in enumeration.Values)
                {
                    Check($"{type.Name}.{value.Name}", value.Description);
                }
            }
        }

        Assert.Empty(missing);

        void Check(string name, string? description)
        {
            if (string.IsNullOrWhiteSpace(description))
            {
                missing.Add(name);
            }
        }
    }

    [Fact]
    public void Every_mutation_takes_its_own_input_and_returns_its_own_nullable_payload()
    {
        var shared = new List<string>();
        var payloads = new HashSet<string>();
        foreach (var field in Schema.Mutation!.Fields)
        {
            var pascal = char.ToUpperInvariant(field.Name[0]) + field.Name[1..];
            var input = Assert.Single(field.Arguments!);
            Assert.Equal("input", input.Name);
            Assert.Equal(pascal + "Input!", input.ResolvedType!.ToString());
            Assert.Equal(pascal + "Payload", field.ResolvedType!.ToString());
            var payload = (IComplexGraphType)field.ResolvedType;
            Assert.Contains(payload.Fields, f => f.Name == "errors");
            if (!payloads.Add(payload.Name))
            {
                shared.Add(payload.Name);
            }
        }

        Assert.Empty(shared);
        Assert.True(Schema.Mutation.Fields.Count >= 40);
    }

    [Fact]
    public void Every_object_a_client_caches_has_a_global_id_and_implements_node()
    {
        var objects = Schema
            .AllTypes.OfType<IObjectGraphType>()
            .Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal))
            .Where(t => !ValueTypes.Contains(t.Name))
            .Where(t => !t.Name.EndsWith("Connection", StringComparison.Ordinal))
            .Where(t => !t.Name.EndsWith("Edge", StringComparison.Ordinal))
            .Where(t => !t.Name.EndsWith("Payload", StringComparison.Ordinal))
            .ToList();

        var withoutId = objects.Where(t => t.GetField("id")?.ResolvedType?.ToString() != "ID!").Select(t => t.Name);
        var notNodes = objects
            .Where(t => t.Name is not ("VideoEvent" or "LiveStreamEvent")) // events are not refetchable
            .Where(t => !t.ResolvedInterfaces.Any(i => i.Name == "Node"))
            .Select(t => t.Name);

        Assert.Empty(withoutId);
        Assert.Empty(notNodes);
        Assert.Contains(objects, t => t.Name == "PlaylistItem");
    }

    [Fact]
    public void Every_error_code_the_server_produces_is_in_the_error_code_enum()
    {
        var root = TestEnvironment.RepositoryRoot();
        var codes = Directory
            .EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .SelectMany(f => ErrorConstruction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(codes.Count > 30, $"Only {codes.Count} codes found; the scan is broken.");
        Assert.DoesNotContain(codes, c => !ErrorCodeType.Codes.ContainsKey(c));
    }

    // `new Error("CODE"`, `new("CODE",` (target-typed Error fields) and GlobalId's INVALID_ID.
    [GeneratedRegex("""new(?: Error)?\(\s*"([A-Z][A-Z_]{3,})",""")]
    private static partial Regex ErrorConstruction();
}
