using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>1,000 WebSocket subscribers on one instance, on the default configuration, as real traffic comes: 50 users
/// with 20 connections each (the per-user limit) from 10 loopback addresses (100 each, the per-address limit), each
/// connection subscribed to <c>viewerVideoEvents</c>. A round publishes one event per user (1,000 deliveries); latency
/// runs from the moment the bench sends the publishing request to the moment a client has the event. Ours publishes
/// through an <c>updateVideo</c> mutation (authentication, the database write, the bus, the fan-out); the reference
/// server (graphql-ws + graphql-js, <c>bench/peers</c>), run in the same run with the same clients, only
/// publishes.</summary>
internal static partial class SubscriptionBench
{
    private const int ConnectionsPerUser = 20;
    private const int ConnectionsPerAddress = 100;

    // Measured rounds (STREAMENGINE_BENCH_ROUNDS; more give a profiler something to sample), after warm-up rounds
    // (STREAMENGINE_BENCH_WARMUP) that run the same traffic unmeasured: .NET compiles its hot paths again with
    // optimisations in the background, and a server is measured as it runs. The publishing mutations are what takes
    // longest to settle: after 2,000 of them the JIT still held a fifth of the server's samples (perf) in the
    // measured rounds, so the warm-up is 20,000 published events whatever the number of subscribers.
    private static readonly int Rounds = Setting("STREAMENGINE_BENCH_ROUNDS", 20);
    private static int WarmUpRounds = 40;

    // --subscribers N (1,000 by default, a multiple of 100): N / 20 users.
    private static int Users = 50;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private const string Subscribe =
        "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { viewerVideoEvents { "
        + "id status occurredAt } }\"}}";

    public static async Task RunAsync(string repositoryRoot, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--subscribers");
        var subscribers = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 1000;
        if (subscribers % ConnectionsPerAddress != 0 || subscribers > ConnectionsPerAddress * 200)
        {
            throw new ArgumentException("--subscribers: a multiple of 100, at most 20,000");
        }

        Users = subscribers / ConnectionsPerUser;
        WarmUpRounds = Setting("STREAMENGINE_BENCH_WARMUP", Math.Max(4, 20_000 / Users));
        var ours = await RunOursAsync(repositoryRoot);
        var reference = await RunReferenceAsync(repositoryRoot);
        Console.WriteLine();
        Console.WriteLine(
            $"{Users * ConnectionsPerUser} graphql-transport-ws subscribers ({Users} users x {ConnectionsPerUser} "
                + $"connections, {Users * ConnectionsPerUser / ConnectionsPerAddress} client addresses), {Rounds} "
                + $"rounds of one event per user after {WarmUpRounds} unmeasured; default configuration"
        );
        Console.WriteLine(
            Row(Cell("measurement", -50), Cell("StreamEngine", 12), Cell("graphql-ws ref", 14), Cell("ratio", 7))
        );
        Console.WriteLine(Rule(52, 14, 16, 9));
        Print("fan-out: event stamped -> client has it, p50 (ms)", ours.FanOutP50, reference.FanOutP50);
        Print("fan-out: event stamped -> client has it, p99 (ms)", ours.FanOutP99, reference.FanOutP99);
        Print("publishing request alone, p50 (ms)", ours.Publish, reference.Publish);
        Print("delivery latency p50 (ms)", ours.P50, reference.P50);
        Print("delivery latency p99 (ms)", ours.P99, reference.P99);
        Print("delivery latency max (ms)", ours.Max, reference.Max);
        Print("memory per subscribed connection (KB)", ours.KilobytesPerConnection, reference.KilobytesPerConnection);
        Print("server CPU per round (ms)", ours.CpuPerRound, reference.CpuPerRound);
    }

    private static void Print(string name, double ours, double reference) =>
        Console.WriteLine(
            Row(
                Cell(name, -50),
                Cell(ours, 12, "0.0"),
                Cell(reference, 14, "0.0"),
                Cell(ours / reference, 6, "0.00") + "x"
            )
        );

    private static async Task<Result> RunOursAsync(string repositoryRoot)
    {
        var work = Directory.CreateTempSubdirectory("streamengine-bench-ws-").FullName;
        try
        {
            await using var server = await BenchServer.StartAsync(repositoryRoot, work);
            var graphql = new Uri(server.BaseAddress, "/graphql");
            var users = new List<(string Token, string VideoId)>();
            for (var u = 0; u < Users; u++)
            {
                // Registration is limited per address (10 at once): ten users per address.
                using var http = LoopbackClients.BoundClient(LoopbackClients.Address(u / 10));
                var name = "fan" + u.ToString(CultureInfo.InvariantCulture);
                var token = (
                    await LoopbackClients.PostAsync(
                        http,
                        graphql,
                        null,
                        $"mutation {{ register(input: {{ email: \"{name}@example.com\", password: "
                            + $"\"violet-harbour-29\", handle: \"{name}\", displayName: \"{name}\" }}) "
                            + "{ accessToken } }"
                    )
                )["register"]!["accessToken"]!.GetValue<string>();
                var videoId = (
                    await LoopbackClients.PostAsync(
                        http,
                        graphql,
                        token,
                        "mutation { createVideoUpload(input: { title: \"e\", fileName: \"e.mp4\", contentType: "
                            + "\"video/mp4\", sizeBytes: 16 }) { video { id } } }"
                    )
                )["createVideoUpload"]!["video"]!["id"]!.GetValue<string>();
                users.Add((token, videoId));
            }

            // Publishers keep their connections open between rounds, as the reference's publisher does (one
            // keep-alive client): one client per address, so the per-address limits see the traffic they would.
            var publishers = Enumerable
                .Range(0, (Users + 9) / 10)
                .Select(a => LoopbackClients.BoundClient(LoopbackClients.Address(a)))
                .ToList();
            var wsUri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
            try
            {
                return await MeasureAsync(
                    server.ProcessId,
                    wsUri,
                    u => users[u].Token,
                    async (u, round) =>
                    {
                        var http = publishers[u / 10];
                        var visibility = round % 2 == 0 ? "UNLISTED" : "PUBLIC";
                        await LoopbackClients.PostAsync(
                            http,
                            graphql,
                            users[u].Token,
                            $"mutation {{ updateVideo(input: {{ videoId: \"{users[u].VideoId}\", visibility: "
                                + $"{visibility} }}) "
                                + "{ video { id } } }"
                        );
                    }
                );
            }
            finally
            {
                publishers.ForEach(p => p.Dispose());
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Result> RunReferenceAsync(string repositoryRoot)
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(repositoryRoot, "bench", "peers"),
        };
        start.ArgumentList.Add("reference-ws.mjs");
        using var node = Process.Start(start)!;
        try
        {
            var line = await node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("no port");
            var port = int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
            using var http = new HttpClient();
            var publish = new Uri($"http://127.0.0.1:{port}/publish");
            return await MeasureAsync(
                node.Id,
                new Uri($"ws://127.0.0.1:{port}/graphql"),
                u => "user-" + u.ToString(CultureInfo.InvariantCulture),
                async (u, _) =>
                {
                    using var response = await http.PostAsJsonAsync(
                        publish,
                        new { user = "user-" + u.ToString(CultureInfo.InvariantCulture), videoId = "v" + u }
                    );
                    response.EnsureSuccessStatusCode();
                }
            );
        }
        finally
        {
            node.StandardInput.Close();
            if (!node.WaitForExit(5000))
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Connects and subscribes every client, then runs the rounds: each round every user publishes one event
    /// and every connection waits for it.</summary>
    private static async Task<Result> MeasureAsync(
        int processId,
        Uri wsUri,
        Func<int, string> tokenOf,
        Func<int, int, Task> publish
    )
    {
        GC.Collect();
        await Task.Delay(1000);
        var before = BenchServer.StatusValue(processId, "VmRSS:");
        var sockets = new List<ClientWebSocket>();
        var invokers = Enumerable
            .Range(0, Users * ConnectionsPerUser / ConnectionsPerAddress)
            .Select(a => new HttpMessageInvoker(LoopbackClients.BoundHandler(LoopbackClients.Address(a))))
            .ToList();
        for (var k = 0; k < Users * ConnectionsPerUser; k++)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("graphql-transport-ws");
            await socket.ConnectAsync(wsUri, invokers[k / ConnectionsPerAddress], default);
            var token = tokenOf(k / ConnectionsPerUser);
            await LoopbackClients.SendAsync(
                socket,
                $"{{\"type\":\"connection_init\",\"payload\":{{\"Authorization\":\"{token}\"}}}}"
            );
            var ack = await LoopbackClients.ReceiveAsync(socket);
            if (ack?["type"]?.GetValue<string>() != "connection_ack")
            {
                throw new InvalidOperationException("Not acknowledged: " + ack?.ToJsonString());
            }

            await LoopbackClients.SendAsync(socket, Subscribe);
            sockets.Add(socket);
        }

        await Task.Delay(2000);
        var after = BenchServer.StatusValue(processId, "VmRSS:");
        var latencies = new List<double>();
        var fanOut = new List<double>();
        var requests = new List<double>();
        var cpuBefore = 0.0;
        for (var round = -WarmUpRounds; round < Rounds; round++)
        {
            if (round == 0)
            {
                (latencies, fanOut, requests) = ([], [], []);
                cpuBefore = BenchServer.CpuMilliseconds(processId);
            }

            var receivers = sockets.Select(NextEventAsync).ToList();
            var sent = new long[Users];
            await Task.WhenAll(
                Enumerable
                    .Range(0, Users)
                    .Select(async u =>
                    {
                        sent[u] = Stopwatch.GetTimestamp();
                        await publish(u, round);
                        lock (requests)
                        {
                            requests.Add(Stopwatch.GetElapsedTime(sent[u]).TotalMilliseconds);
                        }
                    })
            );
            var received = await Task.WhenAll(receivers);
            latencies.AddRange(
                received.Select(
                    (r, k) => Stopwatch.GetElapsedTime(sent[k / ConnectionsPerUser], r.At).TotalMilliseconds
                )
            );
            fanOut.AddRange(received.Select(r => r.SinceEvent));
        }

        var cpu = BenchServer.CpuMilliseconds(processId) - cpuBefore;
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        invokers.ForEach(i => i.Dispose());
        latencies.Sort();
        requests.Sort();
        fanOut.Sort();
        return new Result(
            fanOut[fanOut.Count / 2],
            fanOut[(int)(fanOut.Count * 0.99)],
            requests[requests.Count / 2],
            latencies[latencies.Count / 2],
            latencies[(int)(latencies.Count * 0.99)],
            latencies[^1],
            (after - before) / 1024.0 / sockets.Count,
            cpu / Rounds
        );
    }
}
