using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQLParser.AST;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>What the page info fields read, independent of the node type.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor)
{
    public static PageInfo Of<T>(Page<T> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(
            page.HasNextPage,
            page.HasPreviousPage,
            page.Edges.Count > 0 ? page.Edges[0].Cursor : null,
            page.Edges.Count > 0 ? page.Edges[^1].Cursor : null
        );
    }
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Relay page information.";
        Field(p => p.HasNextPage).Description("Whether items follow this page (known when paging forwards).");
        Field(p => p.HasPreviousPage).Description("Whether items precede this page (known when paging backwards).");
        Field(p => p.StartCursor, nullable: true).Description("The first edge's cursor; null on an empty page.");
        Field(p => p.EndCursor, nullable: true).Description("The last edge's cursor; null on an empty page.");
    }
}

/// <summary>A Relay connection: <c>edges { cursor node }</c>, <c>nodes</c>, <c>pageInfo</c> and
/// <c>totalCount</c>.</summary>
public abstract class ConnectionGraphType<TNodeType, TNode> : ObjectGraphType<Page<TNode>>
    where TNodeType : IGraphType
{
    protected ConnectionGraphType(string node)
    {
        Name = node + "Connection";
        Description = $"A page of {node} items (Relay connection).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType, TNode>>>>>("edges")
            .Description("The page's items with their cursors.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The page's items, without cursors.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Where this page is in the list.")
            .Resolve(c => PageInfo.Of(c.Source));
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Items in the whole list (that you may see).")
            .Resolve(c => c.Source.TotalCount);
    }
}

public sealed class EdgeGraphType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    public EdgeGraphType()
    {
        // Named after the connection's node type in StreamEngineSchema (graph type names are fixed at construction).
        Name = EdgeNames.For(typeof(TNodeType));
        Description = "An item of a list and its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("Pass as after or before to page from this item.")
            .Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The item.").Resolve(c => c.Source.Node);
    }
}

internal static class EdgeNames
{
    public static string For(Type nodeGraphType) =>
        nodeGraphType.Name.EndsWith("Type", StringComparison.Ordinal)
            ? nodeGraphType.Name[..^4] + "Edge"
            : nodeGraphType.Name + "Edge";
}

/// <summary>The Relay page arguments and their reading.</summary>
public static class Paging
{
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field
    )
    {
        ArgumentNullException.ThrowIfNull(field);
        return field
            .Argument<IntGraphType>(
                "first",
                $"Items after `after` (default {PageRequest.DefaultSize}, at most {PageRequest.MaxSize})."
            )
            .Argument<StringGraphType>("after", "A cursor: the page starts after this item.")
            .Argument<IntGraphType>("last", $"Items before `before` (at most {PageRequest.MaxSize}).")
            .Argument<StringGraphType>("before", "A cursor: the page ends before this item.");
    }

    public static PageRequest ReadPage(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before")
        )
        {
            IncludeTotal = context.SubFields?.Values.Any(f => f.Field.Name.Value == "totalCount") ?? true,
        };
    }

    /// <summary>Whether the nodes of this connection field ask for <paramref name="name"/> or
    /// <paramref name="other"/> (under <c>edges { node }</c> or <c>nodes</c>, fragments included): a hint for what a
    /// store may read along with the page.</summary>
    public static bool NodesSelect(this IResolveFieldContext context, string name, string other)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToList();
        var budget = 256; // validated documents have no fragment cycles; this bounds the walk anyway
        return Selects(context.FieldAst.SelectionSet, 0);

        bool Selects(GraphQLSelectionSet? set, int depth)
        {
            if (set is null || depth > 2 || --budget < 0)
            {
                return false;
            }

            foreach (var selection in set.Selections)
            {
                var found = selection switch
                {
                    GraphQLField field => depth > 0 && field.Name.StringValue is var n && (n == name || n == other)
                        || Selects(field.SelectionSet, depth + 1),
                    GraphQLInlineFragment inline => Selects(inline.SelectionSet, depth),
                    GraphQLFragmentSpread spread => Selects(
                        fragments.Find(f => f.FragmentName.Name == spread.FragmentName.Name)?.SelectionSet,
                        depth
                    ),
                    _ => false,
                };
                if (found)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
