using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Web.GraphQL.Nodes;

/// <summary>Relay's <c>Node</c>: anything with a global id that <c>node(id:)</c> refetches.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id, which Query.node refetches and client caches key records by.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque, unique across every type of this API.");
    }
}

/// <summary>A user's account seen as its public channel (its own GraphQL type and id).</summary>
public sealed record ChannelView(User User);

/// <summary>The signed-in account itself, with what only its owner sees.</summary>
public sealed record ViewerView(User User);

/// <summary>A channel's figures, for its owner.</summary>
public sealed record DashboardView(Guid OwnerId, ChannelTotals Totals);

/// <summary>The id field every Node type declares.</summary>
public static class NodeIdField
{
    public static void AddNodeId<T>(this ObjectGraphType<T> type, string nodeType, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(type);
        type.Interface<NodeInterface>();
        type.Field<NonNullGraphType<IdGraphType>>("id")
            .Description($"The {nodeType}'s global id.")
            .Resolve(c => id(c.Source));
    }

    public static void AddNodeId<T>(this ObjectGraphType<T> type, string nodeType, Func<T, Guid> key) =>
        type.AddNodeId(nodeType, (T source) => GlobalId.Of(nodeType, key(source)));
}
