using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace StreamEngine.Bench;

/// <summary>Clients of the network benchmarks: HTTP and WebSocket connections from chosen loopback addresses, as
/// traffic from many clients arrives.</summary>
internal static class LoopbackClients
{
    public static IPAddress Address(int index) => new([127, 0, 0, (byte)(2 + index)]);

    /// <summary>An HTTP handler whose connections come from <paramref name="local"/> (any 127.0.0.0/8 address works
    /// on Linux), so the server sees several clients as it would in production.</summary>
    public static SocketsHttpHandler BoundHandler(IPAddress local) =>
        new()
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

    public static HttpClient BoundClient(IPAddress local) => new(BoundHandler(local));

    public static async Task<JsonNode> PostAsync(HttpClient http, Uri url, string? token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { query }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["data"] is JsonObject data && body["errors"] is null
            ? data
            : throw new InvalidOperationException(body.ToJsonString());
    }

    public static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, default);

    public static async Task<JsonNode?> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, default);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return JsonNode.Parse(message.ToArray());
    }
}
