using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>1,000 WebSocket subscribers on one instance: how long an event takes to reach them, and what each
/// connection costs the server in memory.</summary>
internal static class SubscriptionBench
{
    private const int Subscribers = 1000;
    private const int Events = 5;

    public static async Task RunAsync(string repositoryRoot)
    {
        var work = Directory.CreateTempSubdirectory("streamengine-bench-ws-").FullName;
        try
        {
            await using var server = await BenchServer.StartAsync(
                repositoryRoot,
                work,
                new Dictionary<string, string>
                {
                    ["StreamEngine__GraphQL__WebSockets__MaxConnectionsPerUser"] = "5000",

                    // Every client of this bench comes from 127.0.0.1; real subscribers come from many addresses.
                    ["StreamEngine__GraphQL__WebSockets__MaxConnectionsPerAddress"] = "5000",
                }
            );
            var token = await server.RegisterAsync("subscribers");
            GC.Collect();
            await Task.Delay(1000);
            var before = server.Rss();

            var wsUri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
            var sockets = new List<ClientWebSocket>();
            for (var i = 0; i < Subscribers; i++)
            {
                var socket = new ClientWebSocket();
                socket.Options.AddSubProtocol("graphql-transport-ws");
                await socket.ConnectAsync(wsUri, default);
                await SendAsync(
                    socket,
                    $"{{\"type\":\"connection_init\",\"payload\":{{\"Authorization\":\"Bearer {token}\"}}}}"
                );
                await ReceiveAsync(socket);
                await SendAsync(
                    socket,
                    "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { myVideoEvents { "
                        + "videoId status occurredAt } }\"}}"
                );
                sockets.Add(socket);
            }

            await Task.Delay(2000);
            var after = server.Rss();
            var latencies = new List<double>();
            for (var round = 0; round < Events; round++)
            {
                var receivers = sockets
                    .Select(async socket =>
                    {
                        while (true)
                        {
                            var message = await ReceiveAsync(socket);
                            if (message?["type"]?.GetValue<string>() == "next")
                            {
                                var occurred = DateTimeOffset.Parse(
                                    message["payload"]!["data"]!["myVideoEvents"]!["occurredAt"]!.GetValue<string>(),
                                    System.Globalization.CultureInfo.InvariantCulture
                                );
                                return (DateTimeOffset.UtcNow - occurred).TotalMilliseconds;
                            }
                        }
                    })
                    .ToList();

                // One event: an upload of bytes that are not a video is refused, and FAILED is published to all.
                var created = (
                    await server.GraphQLAsync(
                        token,
                        "mutation { createVideoUpload(input: { title: \"e\", fileName: \"e.mp4\", contentType: "
                            + "\"video/mp4\", sizeBytes: 16 }) { upload { id parts { url } } } }"
                    )
                )["createVideoUpload"]!["upload"]!;
                using var put = await server.Http.PutAsync(
                    created["parts"]![0]!["url"]!.GetValue<string>(),
                    new ByteArrayContent(new byte[16])
                );
                await server.GraphQLAsync(
                    token,
                    "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { video { status } } }",
                    new
                    {
                        i = new
                        {
                            uploadId = created["id"]!.GetValue<string>(),
                            parts = new[] { new { partNumber = 1, etag = put.Headers.ETag!.Tag } },
                        },
                    }
                );
                latencies.AddRange(await Task.WhenAll(receivers));
            }

            latencies.Sort();
            Console.WriteLine();
            Console.WriteLine(
                $"{Subscribers} graphql-transport-ws subscribers on one instance, {Events} events each "
                    + $"({latencies.Count} deliveries)"
            );
            Console.WriteLine(Row(Cell("measurement", -58), Cell("value", 14)));
            Console.WriteLine(Rule(60, 16));
            Console.WriteLine(
                Row(
                    Cell("delivery latency p50 (ms, publish to client receipt)", -58),
                    Cell(latencies[latencies.Count / 2], 14, "0.0")
                )
            );
            Console.WriteLine(
                Row(Cell("delivery latency p99 (ms)", -58), Cell(latencies[(int)(latencies.Count * 0.99)], 14, "0.0"))
            );
            Console.WriteLine(Row(Cell("delivery latency max (ms)", -58), Cell(latencies[^1], 14, "0.0")));
            Console.WriteLine(
                Row(Cell("server RSS before connections (MB)", -58), Cell(before / 1048576.0, 14, "0.0"))
            );
            Console.WriteLine(
                Row(Cell("server RSS with all subscribed (MB)", -58), Cell(after / 1048576.0, 14, "0.0"))
            );
            Console.WriteLine(
                Row(
                    Cell("memory per subscribed connection (KB)", -58),
                    Cell((after - before) / 1024.0 / Subscribers, 14, "0.0")
                )
            );

            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, default);

    private static async Task<JsonNode?> ReceiveAsync(ClientWebSocket socket)
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
