using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>What the page info fields read, independent of the node type.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Relay page information.";
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage);
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType, TNode>>>>>("edges")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Resolve(c => new PageInfo(
                c.Source.HasNextPage,
                c.Source.HasPreviousPage,
                c.Source.Edges.Count > 0 ? c.Source.Edges[0].Cursor : null,
                c.Source.Edges.Count > 0 ? c.Source.Edges[^1].Cursor : null
            ));
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
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(c => c.Source.Node);
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
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("last", $"Items before `before` (at most {PageRequest.MaxSize}).")
            .Argument<StringGraphType>("before");
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
}
