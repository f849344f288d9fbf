using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Web.GraphQL.Transport;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.Tests.Schema;

/// <summary>The query strategy collects each selection set once per request and object type, and answers exactly as
/// graphql-dotnet's own serial strategy does: aliases, fragments, directives and abstract types included.</summary>
public sealed class SerialExecutionTests
{
    private sealed record Item(int Number, string Kind);

    private static global::GraphQL.Types.Schema Schema()
    {
        var node = new InterfaceGraphType { Name = "Thing" };
        node.Field<NonNullGraphType<IntGraphType>>("number");
        var owner = new ObjectGraphType { Name = "Owner" };
        owner.Field<StringGraphType>("handle").Resolve(c => "owner_" + ((Item)c.Source!).Number);
        var video = Concrete("Video", owner, node);
        var playlist = Concrete("Playlist", owner, node);
        node.ResolveType = value => ((Item)value).Kind == "Video" ? video : playlist;
        var query = new ObjectGraphType { Name = "Query" };
        query
            .Field<ListGraphType<NonNullGraphType<InterfaceGraphType>>>("things")
            .Type(new ListGraphType(new NonNullGraphType(node)))
            .Resolve(_ => Enumerable.Range(1, 6).Select(i => new Item(i, i % 2 == 0 ? "Video" : "Playlist")).ToList());
        var schema = new global::GraphQL.Types.Schema { Query = query };
        schema.RegisterType(video);
        schema.RegisterType(playlist);
        schema.Initialize();
        return schema;
    }

    private static ObjectGraphType Concrete(string name, ObjectGraphType owner, InterfaceGraphType node)
    {
        var type = new ObjectGraphType { Name = name };
        type.Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => ((Item)c.Source!).Number);
        type.Field<StringGraphType>("title").Resolve(c => name + " " + ((Item)c.Source!).Number);
        type.Field("owner", owner).Resolve(c => c.Source);
        type.AddResolvedInterface(node);
        type.IsTypeOf = value => ((Item)value).Kind == name;
        return type;
    }

    private const string Query = """
        query Q($withTitle: Boolean!) {
          things {
            number
            n: number
            ... on Video { title @include(if: $withTitle) owner { handle } }
            ...PlaylistFields
            __typename
          }
        }
        fragment PlaylistFields on Playlist { owner { h: handle } title @skip(if: $withTitle) }
        """;

    private static async Task<(string Json, GraphQLUserContext User)> RunAsync(
        global::GraphQL.Execution.IExecutionStrategy strategy,
        bool withTitle
    )
    {
        var schema = Schema();
        var user = new GraphQLUserContext(new CurrentUser());
        var executer = StrategyExecuter.For(strategy, GraphQLParser.AST.OperationType.Query);
        var result = await executer.ExecuteAsync(
            new ExecutionOptions
            {
                Schema = schema,
                Query = Query,
                Variables = new Inputs(new Dictionary<string, object?> { ["withTitle"] = withTitle }),
                UserContext = user,
                RequestServices = new ServiceCollection().BuildServiceProvider(),
            }
        );
        return (new GraphQLSerializer().Serialize(result), user);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task It_answers_as_the_serial_strategy_does(bool withTitle)
    {
        var (expected, _) = await RunAsync(new global::GraphQL.Execution.SerialExecutionStrategy(), withTitle);
        var (actual, _) = await RunAsync(new SerialExecution(), withTitle);

        Assert.Equal(expected, actual);
        Assert.Contains("\"owner\":{\"h\":\"owner_1\"}", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("error", actual, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_selection_is_collected_once_per_object_type()
    {
        var (_, user) = await RunAsync(new SerialExecution(), withTitle: true);

        // The root, Video and Playlist under things, and the two owner selections: five, for six rows.
        Assert.NotNull(user.CollectedFields);
        Assert.Equal(5, user.CollectedFields.Count);
        Assert.Equal(
            ["Owner", "Owner", "Playlist", "Query", "Video"],
            user.CollectedFields.Keys.Select(k => k.Type.Name).Order(StringComparer.Ordinal)
        );
    }
}
