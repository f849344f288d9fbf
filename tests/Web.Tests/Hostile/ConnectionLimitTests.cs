using System.Net;
using System.Net.Sockets;
using System.Text;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>Slowloris against the real Kestrel server: connections that trickle their headers are closed after the
/// headers timeout, and one address cannot hold more than its share of connections, while clients from other
/// addresses are served throughout. They run alone, after the others: which connection of a burst the server counts
/// last depends on the thread pool's order, and on loaded cores a burst is what the server sees.</summary>
[Collection(ConnectionLimitCollection.Name)]
public sealed class ConnectionLimitTests
{
    private static readonly IPAddress Attacker = IPAddress.Loopback;
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task A_slowloris_client_gets_its_share_and_then_429_others_are_served_and_stalled_headers_time_out()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Network:MaxConnectionsPerAddress"] = "20",
                ["StreamEngine:Network:RequestHeadersTimeout"] = "00:00:02",
            },
            kestrel: true
        );
        var endpoint = new IPEndPoint(IPAddress.Loopback, app.BaseAddress.Port);

        // Twenty connections that start a request and never finish its headers.
        var slow = new List<Socket>();
        for (var i = 0; i < 20; i++)
        {
            var socket = await ConnectAsync(Attacker, endpoint);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            slow.Add(socket);
        }

        // Kestrel takes a connection in and counts it on the thread pool: the twentieth must be counted before the
        // twenty-first arrives for the twenty-first to be the one refused.
        await Task.Delay(TimeSpan.FromSeconds(1));

        using var refused = await ConnectAsync(Attacker, endpoint);
        var refusal = await ReadAllAsync(refused, TimeSpan.FromSeconds(10));
        var neighbour = await GetAsync(Neighbour, endpoint);

        // The stalled requests end with the headers timeout (Kestrel answers 408 or closes).
        var ends = await Task.WhenAll(slow.Select(s => ReadAllAsync(s, TimeSpan.FromSeconds(15))));
        slow.ForEach(s => s.Dispose());
        // The server counts a connection out once its side has closed, a moment after the client reads the end: on a
        // loaded machine the first request may still find the share taken, so it asks for a few seconds.
        var again = await GetAsync(Attacker, endpoint);
        for (var i = 0; i < 50 && again.StartsWith("HTTP/1.1 429", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            again = await GetAsync(Attacker, endpoint);
        }

        Assert.StartsWith("HTTP/1.1 429", refusal, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", neighbour, StringComparison.Ordinal);
        Assert.All(ends, e => Assert.True(e.Length == 0 || e.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), e));
        Assert.StartsWith("HTTP/1.1 200", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_proxy_is_not_held_to_the_per_address_share()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Network:MaxConnectionsPerAddress"] = "2",
                ["StreamEngine:Network:TrustedProxies:0"] = "127.0.0.1",
            },
            kestrel: true
        );
        var endpoint = new IPEndPoint(IPAddress.Loopback, app.BaseAddress.Port);
        var held = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await ConnectAsync(Attacker, endpoint));
        }

        var answer = await GetAsync(Attacker, endpoint);
        held.ForEach(s => s.Dispose());

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
    }

    private static async Task<Socket> ConnectAsync(IPAddress local, IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(local, 0));
        await socket.ConnectAsync(server);
        return socket;
    }

    private static async Task<string> GetAsync(IPAddress local, IPEndPoint server)
    {
        using var socket = await ConnectAsync(local, server);
        await socket.SendAsync(
            Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        );
        return await ReadAllAsync(socket, TimeSpan.FromSeconds(10));
    }

    /// <summary>What the server sends until it closes the connection (bounded by the timeout).</summary>
    private static async Task<string> ReadAllAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // A reset is an end too.
        }

        return received.ToString();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConnectionLimitCollection
{
    public const string Name = "Connection limits (counted in the order the thread pool runs them)";
}
