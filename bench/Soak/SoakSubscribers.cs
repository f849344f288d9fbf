using System.Net.WebSockets;

namespace StreamEngine.Bench.Soak;

/// <summary>1,000 status subscribers over graphql-transport-ws: every uploader's studio open in 20 tabs
/// (<c>viewerVideoEvents</c>, the per-user connection limit; they receive every status change of that user's uploads)
/// and 600 anonymous viewers following a public video's <c>videoStatusChanged</c> (its state at once, then
/// keep-alives). Each socket reads until the soak ends; a socket closed or an error message by the server counts
/// as an error.</summary>
internal sealed class SoakSubscribers(SoakDeployment deployment, SoakStats stats)
{
    public const int StudioTabsPerUploader = 20;
    public const int Anonymous = 600;
    private const int PerAddress = 100;
    private readonly List<ClientWebSocket> _sockets = [];
    private readonly List<Task> _readers = [];
    private readonly Dictionary<int, HttpMessageInvoker> _invokers = [];

    public int Open => _sockets.Count(s => s.State == WebSocketState.Open);

    public async Task ConnectAsync(IReadOnlyList<string> uploaderTokens, IReadOnlyList<string> publicVideos)
    {
        var k = 0;
        foreach (var (token, u) in uploaderTokens.Select((t, u) => (t, u)))
        {
            for (var tab = 0; tab < StudioTabsPerUploader; tab++, k++)
            {
                await OpenAsync(
                    50 + (k / PerAddress),
                    u,
                    token,
                    "subscription { viewerVideoEvents { id status progress { stage percent } } }"
                );
            }
        }

        for (var a = 0; a < Anonymous; a++)
        {
            await OpenAsync(
                60 + (a / PerAddress),
                a,
                null,
                $"subscription {{ videoStatusChanged(videoId: \"{publicVideos[a % publicVideos.Count]}\") {{ id "
                    + "status } }"
            );
        }
    }

    private async Task OpenAsync(int address, int client, string? token, string subscription)
    {
        var server = deployment.Servers[client % deployment.Servers.Count];
        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        if (!_invokers.TryGetValue(address, out var invoker))
        {
            _invokers[address] = invoker = new HttpMessageInvoker(
                LoopbackClients.BoundHandler(LoopbackClients.Address(address))
            );
        }

        await socket.ConnectAsync(uri, invoker, default);
        var init = token is null ? "{}" : $"{{\"Authorization\":\"Bearer {token}\"}}";
        await LoopbackClients.SendAsync(socket, $"{{\"type\":\"connection_init\",\"payload\":{init}}}");
        var ack = await LoopbackClients.ReceiveAsync(socket);
        if (ack?["type"]?.GetValue<string>() != "connection_ack")
        {
            throw new InvalidOperationException("Not acknowledged: " + ack?.ToJsonString());
        }

        var query = System.Text.Json.JsonSerializer.Serialize(subscription);
        await LoopbackClients.SendAsync(
            socket,
            $"{{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{{\"query\":{query}}}}}"
        );
        _sockets.Add(socket);
        _readers.Add(Task.Run(() => ReadAsync(socket)));
    }

    private async Task ReadAsync(ClientWebSocket socket)
    {
        try
        {
            while (true)
            {
                var message = await LoopbackClients.ReceiveAsync(socket);
                switch (message?["type"]?.GetValue<string>())
                {
                    case null:
                        stats.Error("subscription", $"closed by the server ({socket.CloseStatus})");
                        return;
                    case "next":
                        stats.Count("subscription events received");
                        break;
                    case "error" or "complete":
                        stats.Error("subscription", message["type"]!.GetValue<string>());
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            if (socket.State is not WebSocketState.Aborted)
            {
                stats.Error("subscription", ex.GetType().Name);
            }
        }
    }

    public async Task CloseAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Abort();
        }

        await Task.WhenAll(_readers);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        foreach (var invoker in _invokers.Values)
        {
            invoker.Dispose();
        }
    }
}
