using System.Diagnostics;
using System.Globalization;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary><c>scripts/bench.sh live [--streams 4]</c>: how many concurrent 720p30 broadcasts one instance carries in
/// real time with the default 2-rung live ladder (720p passed through, 360p encoded), and glass-to-glass latency in
/// normal and low-latency modes, read by hls.js in Chromium from the broadcaster's on-screen clock. Broadcasters copy
/// a pre-encoded 720p30 H.264 clip in a loop (as OBS on another machine would send; they cost this machine little);
/// the latency broadcaster encodes its clock band live.</summary>
internal static partial class LiveBench
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(40);

    public static async Task RunAsync(string root, string[] args)
    {
        // --streams N measures 1..N broadcasts; --streams 4,8,12 measures those counts.
        var given = args.Length >= 2 && args[0] == "--streams" ? args[1] : "4";
        var counts = given.Contains(',', StringComparison.Ordinal)
            ? given.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList()
            : Enumerable.Range(1, int.Parse(given, CultureInfo.InvariantCulture)).ToList();
        var work = Directory.CreateTempSubdirectory("streamengine-live-bench-");
        try
        {
            var clip = Path.Combine(work.FullName, "clip720.flv");
            await FfmpegAsync(
                "-f lavfi -i testsrc2=size=1280x720:rate=30:duration=60 -f lavfi -i sine=frequency=440:duration=60 "
                    + $"-c:v libx264 -preset veryfast -b:v 2500k -g 60 -keyint_min 60 -c:a aac -b:a 128k -y {clip}"
            );
            Console.WriteLine();
            Console.WriteLine(
                "| concurrent 720p30 broadcasts | slowest ladder speed (x real time) | mean "
                    + "| server CPU % of 2 cores | real time |"
            );
            Console.WriteLine(Rule(30, 36, 6, 25, 11));
            foreach (var n in counts)
            {
                var (slowest, mean, cpu) = await CarryAsync(root, work.FullName, clip, n);
                Console.WriteLine(
                    Row(
                        Cell(n, 28),
                        Cell(slowest, 34, "0.00"),
                        Cell(mean, 4, "0.00"),
                        Cell(cpu, 23, "0"),
                        Cell(slowest >= 0.97 ? "yes" : "no", -9)
                    )
                );
            }

            Console.WriteLine();
            Console.WriteLine(
                "| glass-to-glass latency, one 360p30 broadcast | median s | min s | max s | hls.js latency s |"
            );
            Console.WriteLine(Rule(46, 10, 7, 7, 18));
            foreach (var lowLatency in new[] { false, true })
            {
                var (median, min, max, hls) = await LatencyAsync(root, work.FullName, lowLatency);
                Console.WriteLine(
                    Row(
                        Cell(lowLatency ? "low-latency mode (1 s segments)" : "normal mode (2 s segments)", -44),
                        Cell(median, 8, "0.0"),
                        Cell(min, 5, "0.0"),
                        Cell(max, 5, "0.0"),
                        Cell(hls, 16, "0.0")
                    )
                );
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(double Slowest, double Mean, double Cpu)> CarryAsync(
        string root,
        string work,
        string clip,
        int n
    )
    {
        var data = Directory.CreateDirectory(Path.Combine(work, $"carry-{n}"));
        await using var server = await StartAsync(root, data.FullName, lowLatency: false, n);
        var streams = new List<(Guid Id, Process Broadcaster)>();
        try
        {
            for (var i = 0; i < n; i++)
            {
                var (id, rtmp, key) = await CreateStreamAsync(server, $"carrier{n}x{i}");
                streams.Add((id, Ffmpeg($"-re -stream_loop -1 -i {clip} -c copy -f flv {rtmp}/{key}")));
            }

            foreach (var (id, _) in streams)
            {
                await WaitLiveAsync(server, id);
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
            var cpuBefore = BenchServer.CpuMilliseconds(server.ProcessId);
            var ladderCpuBefore = LadderCpu();
            var started = DateTime.UtcNow;
            await Task.Delay(Window);
            var cpu =
                (BenchServer.CpuMilliseconds(server.ProcessId) - cpuBefore + LadderCpu() - ladderCpuBefore)
                / (DateTime.UtcNow - started).TotalMilliseconds
                / Environment.ProcessorCount
                * 100;
            var speeds = streams
                .Select(s => Speed(Path.Combine(data.FullName, "live", "streams", s.Id.ToString("N"), "r1"), started))
                .ToList();
            return (speeds.Min(), speeds.Average(), cpu);
        }
        finally
        {
            foreach (var (_, broadcaster) in streams)
            {
                broadcaster.Kill();
                broadcaster.Dispose();
            }
        }
    }

    /// <summary>Media seconds the rung wrote per wall second since <paramref name="since"/>, from its segments'
    /// durations and write times.</summary>
    private static double Speed(string rung, DateTime since)
    {
        var lines = File.ReadAllLines(Path.Combine(rung, "index.m3u8"));
        var segments = new List<(DateTime Written, double Seconds)>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (
                lines[i].StartsWith("#EXTINF:", StringComparison.Ordinal)
                && File.Exists(Path.Combine(rung, lines[i + 1]))
            )
            {
                var seconds = double.Parse(lines[i][8..].TrimEnd(','), CultureInfo.InvariantCulture);
                segments.Add((File.GetLastWriteTimeUtc(Path.Combine(rung, lines[i + 1])), seconds));
            }
        }

        var window = segments.Where(s => s.Written >= since).OrderBy(s => s.Written).ToList();
        return window.Count < 3
            ? 0
            : window.Skip(1).Sum(s => s.Seconds) / (window[^1].Written - window[0].Written).TotalSeconds;
    }

    private static Task<BenchServer> StartAsync(string root, string data, bool lowLatency, int streams) =>
        BenchServer.StartAsync(
            root,
            data,
            new Dictionary<string, string>
            {
                ["StreamEngine__Live__Enabled"] = "true",
                ["StreamEngine__Live__RtmpAddress"] = "127.0.0.1",
                ["StreamEngine__Live__RtmpPort"] = "0",
                ["StreamEngine__Live__LowLatency"] = lowLatency ? "true" : "false",
                // The number of streams is what is measured: the instance limit (3 by default) is raised to it.
                ["StreamEngine__Live__MaxActivePerInstance"] = Math.Max(3, streams)
                    .ToString(CultureInfo.InvariantCulture),
            }
        );

    private static async Task<(Guid Id, string Rtmp, string Key)> CreateStreamAsync(BenchServer server, string name)
    {
        // Many accounts from one address meet the sign-up limit: wait as the server says, as a client would.
        string token;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                token = await server.RegisterAsync(name);
                break;
            }
            catch (InvalidOperationException ex)
                when (attempt < 60 && ex.Message.Contains("RATE_LIMITED", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
        }

        var stream = (
            await server.GraphQLAsync(
                token,
                "mutation { createLiveStream(input: { title: \"Bench\" }) { liveStream { id streamKey rtmpUrl } "
                    + "errors { code } } }"
            )
        )["createLiveStream"]!["liveStream"]!;
        var id = Application.Common.GlobalId.Key(stream["id"]!.GetValue<string>(), "LiveStream")!.Value;
        return (id, stream["rtmpUrl"]!.GetValue<string>(), stream["streamKey"]!.GetValue<string>());
    }

    private static string Gid(Guid id) => Application.Common.GlobalId.Of("LiveStream", id);

    private static async Task WaitLiveAsync(BenchServer server, Guid id)
    {
        for (var i = 0; i < 240; i++)
        {
            var status = (await server.GraphQLAsync(null, $"{{ liveStream(id: \"{Gid(id)}\") {{ status }} }}"))[
                "liveStream"
            ]!["status"]!.GetValue<string>();
            if (status == "LIVE")
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"Stream {id} did not go live:\n" + string.Join("\n", server.RecentOutput));
    }

    /// <summary>CPU of the ladders (ffmpeg children reading from the ingest), in ms.</summary>
    private static double LadderCpu()
    {
        var total = 0.0;
        foreach (var process in Process.GetProcessesByName("ffmpeg"))
        {
            try
            {
                if (
                    File.ReadAllText($"/proc/{process.Id}/cmdline")
                        .Contains("rtmp://127.0.0.1", StringComparison.Ordinal)
                    && File.ReadAllText($"/proc/{process.Id}/cmdline").Contains("hls", StringComparison.Ordinal)
                )
                {
                    total += BenchServer.CpuMilliseconds(process.Id);
                }
            }
            catch (IOException) { }
            finally
            {
                process.Dispose();
            }
        }

        return total;
    }

    private static Process Ffmpeg(string arguments)
    {
        var start = new ProcessStartInfo("ffmpeg", "-hide_banner -loglevel error -nostdin " + arguments)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task FfmpegAsync(string arguments)
    {
        using var process = Ffmpeg(arguments);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + arguments);
        }
    }
}
