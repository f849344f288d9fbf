using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Queries and mutations run fields one at a time (resolvers share the request's DbContext, which allows one
/// operation at a time; batching, not parallelism, keeps lists to a few statements), and each selection set is
/// collected into its fields once per request and type: graphql-dotnet collects it again for every object it
/// completes, so a 20-row page with owners collected the same three selection sets 60 times (merging fragments,
/// checking directives, looking fields up by name), about 3 % of the list's server CPU. Directives and fragments give
/// the same answer for every object of one type within a request (its variables are fixed), so the first answer
/// stands.</summary>
public sealed class SerialExecution : SerialExecutionStrategy
{
    protected override void SetSubFieldNodes(
        global::GraphQL.Execution.ExecutionContext context,
        ObjectExecutionNode parent
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parent);
        if (context.UserContext is not GraphQLUserContext user || parent.SelectionSet is not { } selection)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }

        var type = parent.GetObjectGraphType(context.Schema) ?? parent.GraphType;
        var collected = user.CollectedFields ??= [];
        if (!collected.TryGetValue((type, selection), out var fields))
        {
            fields = [.. CollectFieldsFrom(context, type, selection, null).Values];
            collected[(type, selection)] = fields;
        }

        var nodes = new ExecutionNode[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var (field, definition) = fields[i];
            nodes[i] = BuildExecutionNode(parent, definition.ResolvedType!, field, definition);
        }

        parent.SubFields = nodes;
    }
}

/// <summary>A request's collected selection sets: by object type and selection, the fields in response order.</summary>
internal sealed class CollectedFieldSets
    : Dictionary<(IGraphType Type, GraphQLSelectionSet Selection), (GraphQLField Field, FieldType Definition)[]>;
