using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>Slow readers against the real Kestrel server: many clients reading a large response at 1 KB/s, and one
/// that stops reading, neither are cut off wrongly nor starve a client from another address; the minimum data rates
/// are Kestrel's limits as configured.</summary>
public sealed class SlowReaderTests
{
    private static readonly IPAddress Reader = IPAddress.Loopback;
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Readers_at_1_kb_per_second_and_one_that_stops_reading_starve_nobody()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Network:MinDataRateGracePeriod"] = "00:00:02",
                ["StreamEngine:Network:MinResponseBytesPerSecond"] = "500",
            },
            kestrel: true
        );
        var endpoint = new IPEndPoint(IPAddress.Loopback, app.BaseAddress.Port);
        var (path, length) = LargestIdeFile(app);
        Assert.True(length > 2_000_000, $"{path} is {length} bytes; the test needs a response far above the buffers.");

        // Forty readers at 1 KB/s, and one that reads the headers and then nothing.
        using var stop = new CancellationTokenSource();
        var slow = Enumerable.Range(0, 40).Select(_ => ReadSlowlyAsync(endpoint, path, stop.Token)).ToList();
        using var stalled = await RequestAsync(Reader, endpoint, path);
        await Task.Delay(TimeSpan.FromSeconds(8));

        // Meanwhile a neighbour is served in full, and the health endpoint answers.
        using var neighbour = await RequestAsync(Neighbour, endpoint, path);
        var neighbourBytes = (await DrainAsync(neighbour, TimeSpan.FromSeconds(30))).Length;
        using var health = await RequestAsync(Neighbour, endpoint, "/health/live");
        var healthAnswer = Encoding.ASCII.GetString(await DrainAsync(health, TimeSpan.FromSeconds(10)));
        await stop.CancelAsync();
        var slowReads = await Task.WhenAll(slow);

        Assert.True(neighbourBytes > length, $"the neighbour got {neighbourBytes} of {length} bytes");
        Assert.StartsWith("HTTP/1.1 200", healthAnswer, StringComparison.Ordinal);
        Assert.All(slowReads, r => Assert.True(r is { Bytes: >= 4_000, Closed: false }, $"{r}"));
    }

    [Fact]
    public void The_minimum_data_rates_and_their_grace_period_are_kestrels_limits()
    {
        using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Network:MinResponseBytesPerSecond"] = "2048",
                ["StreamEngine:Network:MinRequestBodyBytesPerSecond"] = "1024",
                ["StreamEngine:Network:MinDataRateGracePeriod"] = "00:00:03",
            },
            kestrel: true
        );

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(
            (2048d, TimeSpan.FromSeconds(3)),
            (limits.MinResponseDataRate!.BytesPerSecond, limits.MinResponseDataRate.GracePeriod)
        );
        Assert.Equal(1024d, limits.MinRequestBodyDataRate!.BytesPerSecond);
    }

    private static (string Path, long Length) LargestIdeFile(StreamEngineApp app)
    {
        var root = Path.Combine(app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath, "ide");
        var file = new DirectoryInfo(root).EnumerateFiles("*.js", SearchOption.AllDirectories).MaxBy(f => f.Length)!;
        return ("/graphql/" + Path.GetRelativePath(root, file.FullName).Replace('\\', '/'), file.Length);
    }

    /// <summary>Reads the response at about 1 KB/s until told to stop; how much arrived and whether the server
    /// closed the connection first.</summary>
    private static async Task<(long Bytes, bool Closed)> ReadSlowlyAsync(
        IPEndPoint server,
        string path,
        CancellationToken stop
    )
    {
        using var socket = await RequestAsync(Reader, server, path);
        var buffer = new byte[256];
        long total = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop);
                if (read == 0)
                {
                    return (total, true);
                }

                total += read;
                await Task.Delay(250, stop);
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException)
        {
            return (total, true);
        }

        return (total, false);
    }

    private static async Task<Socket> RequestAsync(IPAddress local, IPEndPoint server, string path)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            // A small window, so what the server may push ahead of the reader is far below the response.
            ReceiveBufferSize = 4096,
        };
        socket.Bind(new IPEndPoint(local, 0));
        await socket.ConnectAsync(server);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        return socket;
    }

    /// <summary>Everything the server sends until it closes the connection (bounded by the timeout).</summary>
    private static async Task<byte[]> DrainAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var received = new MemoryStream();
        var buffer = new byte[65536];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset is an end too.
        }

        return received.ToArray();
    }
}
