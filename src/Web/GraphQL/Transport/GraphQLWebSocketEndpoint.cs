using System.Collections.Concurrent;
using System.Net.WebSockets;
using GraphQL;
using Microsoft.Extensions.Options;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Accepts WebSocket upgrades at the GraphQL path and runs the negotiated protocol: graphql-transport-ws
/// (the graphql-ws project's protocol), or the legacy graphql-ws (subscriptions-transport-ws).</summary>
public sealed class GraphQLWebSocketEndpoint(
    GraphQLRequestExecutor executor,
    IGraphQLTextSerializer serializer,
    IServiceScopeFactory scopes,
    IOptions<GraphQLWebSocketOptions> options,
    ILoggerFactory loggers)
{
    public const string TransportWs = "graphql-transport-ws";
    public const string LegacyWs = "graphql-ws";

    private readonly ConcurrentDictionary<Guid, int> _connectionsPerUser = new();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = requested.Contains(TransportWs) ? TransportWs : requested.Contains(LegacyWs) ? LegacyWs : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        if (protocol is null)
        {
            await socket.CloseAsync((WebSocketCloseStatus)4406, "Subprotocol not acceptable", context.RequestAborted);
            return;
        }

        using var connection = new GraphQLWebSocketConnection(
            socket, protocol == LegacyWs, executor, serializer, scopes, options.Value, this,
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.Request.Headers.UserAgent.ToString(),
            loggers.CreateLogger<GraphQLWebSocketConnection>());
        await connection.RunAsync(context.RequestAborted);
    }

    internal bool TryOpenFor(Guid userId)
    {
        var count = _connectionsPerUser.AddOrUpdate(userId, 1, (_, c) => c + 1);
        if (count <= options.Value.MaxConnectionsPerUser)
        {
            return true;
        }

        CloseFor(userId);
        return false;
    }

    internal void CloseFor(Guid userId)
    {
        if (_connectionsPerUser.AddOrUpdate(userId, 0, (_, c) => Math.Max(0, c - 1)) == 0)
        {
            _connectionsPerUser.TryRemove(new KeyValuePair<Guid, int>(userId, 0));
        }
    }
}
