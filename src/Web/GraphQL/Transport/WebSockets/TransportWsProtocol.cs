using System.Net.WebSockets;
using System.Text.Json;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>graphql-transport-ws (the graphql-ws project's protocol), with its close codes, plus our documented
/// <c>authenticate</c> message that renews the access token of a signed-in connection.</summary>
internal sealed class TransportWsProtocol : IGraphQLWebSocketProtocol
{
    public const string Name = "graphql-transport-ws";

    public static readonly TransportWsProtocol Instance = new();

    public string Transport => "websocket";

    public string KeepAlive => "{\"type\":\"ping\"}";

    public async Task HandleAsync(GraphQLWebSocketConnection connection, WebSocketMessage message)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(message);
        var (type, id, payload) = (message.Type, message.Id, message.Payload);
        switch (type)
        {
            case "connection_init":
                if (!connection.BeginInit())
                {
                    await connection.CloseAsync((WebSocketCloseStatus)4429, "Too many initialisation requests");
                    return;
                }

                if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
                {
                    await connection.CloseAsync(Invalid);
                    return;
                }

                if (await connection.SignInAsync(payload) is { } refusal)
                {
                    await connection.CloseAsync(refusal);
                    return;
                }

                connection.Acknowledge();
                await connection.SendAsync("{\"type\":\"connection_ack\"}");
                return;
            case "ping":
                await connection.SendAsync(
                    payload.ValueKind == JsonValueKind.Object
                        ? $"{{\"type\":\"pong\",\"payload\":{payload.GetRawText()}}}"
                        : "{\"type\":\"pong\"}"
                );
                return;
            case "pong":
                return;
            case "authenticate":
                await connection.RenewAsync(payload);
                return;
            case "subscribe":
                if (!connection.Acknowledged)
                {
                    await connection.CloseAsync((WebSocketCloseStatus)4401, "Unauthorized");
                    return;
                }

                if (!await connection.SessionStillValidAsync())
                {
                    return;
                }

                if (string.IsNullOrEmpty(id) || message.ReadRequest(connection.Serializer) is not { } request)
                {
                    await connection.CloseAsync(Invalid);
                    return;
                }

                await connection.StartOperationAsync(id, request);
                return;
            case "complete":
                if (string.IsNullOrEmpty(id))
                {
                    await connection.CloseAsync(Invalid);
                    return;
                }

                await connection.StopAsync(id);
                return;
            default:
                await connection.CloseAsync(Invalid);
                return;
        }
    }

    public string Next(string id, string resultJson) => WebSocketMessage.Format(id, "next", resultJson);

    public string Error(string id, string errorsArrayJson) => WebSocketMessage.Format(id, "error", errorsArrayJson);

    public string Complete(string id) => WebSocketMessage.Format(id, "complete", null);

    private static SocketRefusal Invalid => new((WebSocketCloseStatus)4400, "Invalid message received");
}
