using System.Diagnostics;
using System.Globalization;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench.Soak;

/// <summary><c>scripts/bench.sh soak [--minutes 10] [--instances 1|2]</c>: sustained mixed traffic for a given time
/// (20 uploaders, 300 viewers, 1,000 status subscribers, list and search queries at a steady rate); reports every
/// operation's throughput and latency, errors by code, lost or stuck videos, and each server's memory, open handles
/// and threads every 10 s, with a few <c>/metrics</c> lines before and after. Runs for hours as well.</summary>
internal static partial class SoakBench
{
    private static readonly string[] Series =
    [
        "streamengine_uploads_received_bytes_total",
        "streamengine_jobs_finished_total",
        "streamengine_encode_speed_count",
        "streamengine_events_published_total",
        "streamengine_events_delivered_total",
        "streamengine_events_subscriptions",
        "streamengine_websocket_connections",
        "streamengine_ratelimit_refusals_total",
    ];

    public static async Task RunAsync(string repositoryRoot, string[] args)
    {
        var minutes = Option(args, "--minutes", 10);
        var instances = (int)Option(args, "--instances", 1);
        var work = Directory.CreateTempSubdirectory("streamengine-soak-clips-").FullName;
        try
        {
            var clips = await MakeClipsAsync(work);
            await using var deployment = await SoakDeployment.StartAsync(repositoryRoot, instances);
            var stats = new SoakStats();
            var workload = new SoakWorkload(deployment, stats, clips);
            var tokens = await workload.RegisterUploadersAsync();
            var before = await MetricsAsync(deployment);
            var seeds = await workload.SeedAsync(tokens, 4);
            var subscribers = new SoakSubscribers(deployment, stats);
            await subscribers.ConnectAsync(tokens, seeds);
            stats.Reset();

            var duration = TimeSpan.FromMinutes(minutes);
            Console.WriteLine();
            Console.WriteLine(
                $"Soak: {duration.TotalMinutes:0.#} min, {deployment.Describe()}; {SoakWorkload.Uploaders} "
                    + $"uploaders, {SoakViewers.Viewers} viewers, {subscribers.Open} status subscribers, "
                    + "10 list + 5 search queries per second"
            );
            using var stop = new CancellationTokenSource(duration);
            var viewers = new SoakViewers(workload, stats);
            var sampling = SampleAsync(deployment, stats, subscribers, stop.Token);
            var clients = new List<Task>();
            clients.AddRange(tokens.Select((t, u) => workload.UploaderAsync(u, t, stop.Token)));
            clients.AddRange(Enumerable.Range(0, SoakViewers.Viewers).Select(v => viewers.ViewerAsync(v, stop.Token)));
            clients.Add(
                viewers.QueriesAsync(
                    "videos(first: 20) with owner and counts",
                    "{ videos(first: 20) { edges { node { id title viewCount likeCount commentCount owner { handle } "
                        + "} } } }",
                    10,
                    40,
                    stop.Token
                )
            );
            clients.Add(
                viewers.QueriesAsync(
                    "videos(search: \"clip\", first: 20) with totalCount",
                    "{ videos(search: \"soak clip\", first: 20) { totalCount edges { node { id title } } } }",
                    5,
                    45,
                    stop.Token
                )
            );
            await Task.WhenAll(clients);
            await sampling;
            var (ready, failed, stuck) = await workload.SettleAsync();
            var after = await MetricsAsync(deployment);
            await subscribers.CloseAsync();

            Console.WriteLine();
            stats.PrintOperations(duration);
            Console.WriteLine();
            Console.WriteLine(
                $"videos: {workload.Completed} uploads completed ({seeds.Count} before the soak); {ready} READY, "
                    + $"{failed} FAILED, {stuck} lost or stuck; {stats.ServerErrors} responses 5xx"
            );
            if (!stats.ErrorFree)
            {
                foreach (var server in deployment.Servers)
                {
                    Console.WriteLine();
                    Console.WriteLine($"last log lines of the instance on {server.BaseAddress}:");
                    Console.WriteLine(string.Join('\n', server.RecentOutput));
                }
            }

            Console.WriteLine();
            Console.WriteLine("/metrics of the first instance before the soak (after registration) and after it:");
            Console.WriteLine("```");
            Console.WriteLine(string.Join('\n', before.Select(l => "before " + l)));
            Console.WriteLine(string.Join('\n', after.Select(l => "after  " + l)));
            Console.WriteLine("```");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Every 10 s: each server's resident memory, open file descriptors and threads, and the operations
    /// that succeeded in the interval.</summary>
    private static async Task SampleAsync(
        SoakDeployment deployment,
        SoakStats stats,
        SoakSubscribers subscribers,
        CancellationToken stop
    )
    {
        Console.WriteLine();
        Console.WriteLine(
            Row(
                Cell("t (s)", 6),
                Cell("ops/s", 7),
                Cell("sockets", 7),
                Cell("per instance: RSS MB / fds / threads", -60)
            )
        );
        Console.WriteLine(Rule(8, 9, 9, 62));
        var started = Stopwatch.GetTimestamp();
        var last = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stop).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
        {
            var done = stats.Succeeded;
            var servers = string.Join(
                "; ",
                deployment.Servers.Select(s =>
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{s.Rss() / 1048576.0:0} / {Directory.GetFiles($"/proc/{s.ProcessId}/fd").Length} / "
                            + $"{BenchServer.StatusValue(s.ProcessId, "Threads:") / 1024}"
                    )
                )
            );
            Console.WriteLine(
                Row(
                    Cell(Stopwatch.GetElapsedTime(started).TotalSeconds, 6, "0"),
                    Cell((done - last) / 10.0, 7, "0.0"),
                    Cell(subscribers.Open, 7),
                    Cell(servers, -60)
                )
            );
            last = done;
        }
    }

    private static async Task<List<string>> MetricsAsync(SoakDeployment deployment)
    {
        var text = await deployment.Servers[0].Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return
        [
            .. text.Split('\n')
                .Where(l => Series.Any(s => l.StartsWith(s, StringComparison.Ordinal)))
                .Where(l => !l.Contains("_bucket", StringComparison.Ordinal))
                .Select(l => ScopeLabel().Replace(l, "").Replace("{}", "", StringComparison.Ordinal)),
        ];
    }

    private static async Task<List<string>> MakeClipsAsync(string folder)
    {
        var clips = new List<string>();
        foreach (var (size, tone) in new[] { ("320x180", 440), ("426x240", 660), ("640x360", 550) })
        {
            var path = Path.Combine(folder, $"clip-{size}.mp4");
            var result = await Transcoder.ProcessRunner.RunAsync(
                "ffmpeg",
                [
                    "-hide_banner",
                    "-loglevel",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    $"testsrc2=size={size}:rate=25",
                    "-f",
                    "lavfi",
                    "-i",
                    $"sine=frequency={tone}",
                    "-t",
                    "2",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-c:a",
                    "aac",
                    "-shortest",
                    path,
                ],
                TimeSpan.FromMinutes(1),
                null,
                default
            );
            clips.Add(result.ExitCode == 0 ? path : throw new InvalidOperationException(result.ErrorTail));
        }

        return clips;
    }

    [System.Text.RegularExpressions.GeneratedRegex("otel_scope_name=\"[^\"]*\",?")]
    private static partial System.Text.RegularExpressions.Regex ScopeLabel();

    private static double Option(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
