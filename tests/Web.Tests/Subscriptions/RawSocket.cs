using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>A bare WebSocket to the server in process, to send exactly the bytes a protocol test needs.</summary>
internal sealed class RawSocket : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private RawSocket(WebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>A real WebSocket over the network (to a server in another process).</summary>
    public static async Task<RawSocket> ConnectAsync(Uri baseAddress, string subProtocol)
    {
        var client = new ClientWebSocket();
        client.Options.AddSubProtocol(subProtocol);
        await client.ConnectAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = "/graphql" }.Uri, default);
        return new RawSocket(client);
    }

    public static Task<RawSocket> ConnectAsync<T>(WebApplicationFactory<T> app, params string[] subProtocols)
        where T : class => ConnectWithAuthorizationAsync(app, null, subProtocols);

    /// <summary>Connects with an Authorization header on the upgrade request (as Node clients can send).</summary>
    public static async Task<RawSocket> ConnectWithAuthorizationAsync<T>(
        WebApplicationFactory<T> app,
        string? authorization,
        params string[] subProtocols
    )
        where T : class
    {
        var client = app.Server.CreateWebSocketClient();
        if (authorization is not null)
        {
            client.ConfigureRequest = request => request.Headers.Authorization = authorization;
        }

        foreach (var protocol in subProtocols)
        {
            client.SubProtocols.Add(protocol);
        }

        return new RawSocket(await client.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None));
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(object message) => SendAsync(System.Text.Json.JsonSerializer.Serialize(message));

    /// <summary>graphql-transport-ws from the start: <c>connection_init</c> (with the bearer token when given), the
    /// ack, then one <c>subscribe</c> as operation "1".</summary>
    public async Task SubscribeAsync(string? accessToken, string query, object? variables = null)
    {
        await SendAsync(
            accessToken is null
                ? new { type = "connection_init" }
                : new { type = "connection_init", payload = new { Authorization = "Bearer " + accessToken } }
        );
        await ReceiveTypeAsync("connection_ack");
        await SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query, variables },
            }
        );
    }

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return JsonNode.Parse(message.ToArray());
    }

    /// <summary>Reads until a message of <paramref name="type"/> arrives (skipping keep-alives), or the socket
    /// closes.</summary>
    public async Task<JsonNode?> ReceiveTypeAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout);
            if (message is null || message["type"]?.GetValue<string>() == type)
            {
                return message;
            }
        }
    }

    /// <summary>Reads <c>next</c> messages of a subscription field until one has <paramref name="status"/>; returns the
    /// statuses and progress stages seen, in order.</summary>
    public async Task<(List<string> Statuses, List<string?> Stages)> ReceiveStatusesUntilAsync(
        string field,
        string status
    )
    {
        var statuses = new List<string>();
        var stages = new List<string?>();
        while (!statuses.Contains(status))
        {
            var change = (await ReceiveTypeAsync("next", TimeSpan.FromSeconds(30)))!["payload"]!["data"]![field]!;
            statuses.Add(change["status"]!.GetValue<string>());
            stages.Add(change["progress"]?["stage"]?.GetValue<string>());
        }

        return (statuses, stages);
    }

    /// <summary>Reads until the server closes, and returns its close code.</summary>
    public async Task<int?> ClosedWithAsync(TimeSpan? timeout = null)
    {
        while (await ReceiveAsync(timeout) is not null) { }

        return (int?)_socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (WebSocketException) { }
        }

        _socket.Dispose();
    }
}
