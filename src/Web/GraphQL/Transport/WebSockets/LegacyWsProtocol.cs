using System.Net.WebSockets;
using System.Text.Json;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>The legacy graphql-ws protocol (subscriptions-transport-ws): errors are messages rather than close codes,
/// keep-alives are <c>ka</c>. A repeated <c>connection_init</c> is refused without counting the connection again; the
/// token is renewed with the same <c>authenticate</c> message as in graphql-transport-ws.</summary>
internal sealed class LegacyWsProtocol : IGraphQLWebSocketProtocol
{
    public const string Name = "graphql-ws";

    public static readonly LegacyWsProtocol Instance = new();

    public string Transport => "websocket-legacy";

    public string KeepAlive => "{\"type\":\"ka\"}";

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
                    await connection.SendAsync(
                        Problem(
                            null,
                            "connection_error",
                            "The connection is already initialised; send authenticate to renew the token."
                        )
                    );
                    return;
                }

                if (await connection.SignInAsync(payload) is { } refusal)
                {
                    await connection.SendAsync(Problem(null, "connection_error", refusal.Reason));
                    await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, refusal.Reason);
                    return;
                }

                connection.Acknowledge();
                await connection.SendAsync("{\"type\":\"connection_ack\"}");
                await connection.SendAsync(KeepAlive);
                return;
            case "authenticate":
                await connection.RenewAsync(payload);
                return;
            case "start":
                if (
                    !connection.Acknowledged
                    || string.IsNullOrEmpty(id)
                    || message.ReadRequest(connection.Serializer) is not { } request
                )
                {
                    await connection.SendAsync(
                        Problem(
                            id,
                            "error",
                            connection.Acknowledged ? "Invalid start message." : "Send connection_init first."
                        )
                    );
                    return;
                }

                if (connection.IsRunning(id))
                {
                    await connection.SendAsync(Problem(id, "error", $"An operation with id {id} is already running."));
                    return;
                }

                if (await connection.SessionStillValidAsync())
                {
                    await connection.StartOperationAsync(id, request);
                }

                return;
            case "stop":
                if (id is not null && await connection.StopAsync(id))
                {
                    await connection.SendAsync(Complete(id));
                }

                return;
            case "connection_terminate":
                await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Terminated");
                return;
            default:
                await connection.SendAsync(Problem(id, "error", $"Unknown message type '{type}'."));
                return;
        }
    }

    public string Next(string id, string resultJson) => WebSocketMessage.Format(id, "data", resultJson);

    /// <summary>The legacy protocol carries one error object, not an array.</summary>
    public string Error(string id, string errorsArrayJson)
    {
        using var document = JsonDocument.Parse(errorsArrayJson);
        var first =
            document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
                ? document.RootElement[0].GetRawText()
                : "{}";
        return WebSocketMessage.Format(id, "error", first);
    }

    public string Complete(string id) => WebSocketMessage.Format(id, "complete", null);

    private static string Problem(string? id, string type, string text) =>
        WebSocketMessage.Format(id, type, JsonSerializer.Serialize(new { message = text }));
}
