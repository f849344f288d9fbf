namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>One GraphQL-over-WebSocket protocol: how client messages act on a connection, and how the server's
/// messages are spelled. The connection owns framing, limits, the session and the operations.</summary>
internal interface IGraphQLWebSocketProtocol
{
    /// <summary>The transport label of metrics.</summary>
    string Transport { get; }

    /// <summary>The server's keep-alive message.</summary>
    string KeepAlive { get; }

    Task HandleAsync(GraphQLWebSocketConnection connection, WebSocketMessage message);

    string Next(string id, string resultJson);

    /// <summary>An error that ends operation <paramref name="id"/>, from the result's <c>errors</c> array.</summary>
    string Error(string id, string errorsArrayJson);

    string Complete(string id);
}
