using System.Buffers;
using System.Net.WebSockets;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>The receiving side of a connection: framing, the message size and rate limits.</summary>
internal static class SocketReader
{
    /// <summary>Reads messages until the socket or <paramref name="ct"/> ends, handing each to the protocol; a close,
    /// an oversized or binary message, or a flood ends the loop with the matching close.</summary>
    public static async Task RunAsync(
        WebSocket socket,
        GraphQLWebSocketConnection connection,
        IGraphQLWebSocketProtocol protocol,
        CancellationToken ct
    )
    {
        var flood = new FloodCounter(connection.Settings.MaxMessagesPerSecond);
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            // An idle connection waits without a buffer (a zero-byte read); one is rented only while a message
            // arrives, so thousands of quiet subscribers hold no receive memory.
            var waited = await socket.ReceiveAsync(Memory<byte>.Empty, ct);
            if (waited.MessageType == WebSocketMessageType.Close)
            {
                await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Normal closure");
                return;
            }

            var message = await ReadMessageAsync(socket, connection, waited, ct);
            if (message is null)
            {
                return;
            }

            if (flood.Count())
            {
                await connection.CloseAsync(
                    WebSocketCloseStatus.PolicyViolation,
                    $"Too many messages: at most {connection.Settings.MaxMessagesPerSecond} per second"
                );
                return;
            }

            await protocol.HandleAsync(connection, WebSocketMessage.Parse(message));
        }
    }

    /// <summary>The rest of a text message whose first frame has begun; null when the connection was closed (by the
    /// peer, or for a message too big or not text).</summary>
    private static async Task<byte[]?> ReadMessageAsync(
        WebSocket socket,
        GraphQLWebSocketConnection connection,
        ValueWebSocketReceiveResult first,
        CancellationToken ct
    )
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            using var message = new MemoryStream();
            var received = first;
            while (!received.EndOfMessage)
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(), ct);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Normal closure");
                    return null;
                }

                message.Write(buffer, 0, received.Count);
                if (message.Length > connection.Settings.MaxMessageBytes)
                {
                    await connection.CloseAsync(
                        WebSocketCloseStatus.MessageTooBig,
                        $"Messages are limited to {connection.Settings.MaxMessageBytes} bytes"
                    );
                    return null;
                }
            }

            if (received.MessageType != WebSocketMessageType.Text)
            {
                await connection.CloseAsync((WebSocketCloseStatus)4400, "Only text messages are accepted");
                return null;
            }

            return message.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Messages in the current second; true once they exceed the limit.</summary>
    private sealed class FloodCounter(int perSecond)
    {
        private long _second;
        private int _messages;

        public bool Count()
        {
            var second = Environment.TickCount64 / 1000;
            if (second != _second)
            {
                _second = second;
                _messages = 0;
            }

            return ++_messages > perSecond;
        }
    }
}
