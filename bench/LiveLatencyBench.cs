using System.Diagnostics;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.Bench;

/// <summary>Glass-to-glass latency of one broadcast: hls.js in Chromium (<c>tests/peers/live-play.mjs</c>) reads the
/// broadcaster's on-screen clock band from the playing picture.</summary>
internal static partial class LiveBench
{
    private static async Task<(double Median, double Min, double Max, double Hls)> LatencyAsync(
        string root,
        string work,
        bool lowLatency
    )
    {
        var data = Directory.CreateDirectory(Path.Combine(work, lowLatency ? "low-latency" : "normal"));
        await using var server = await StartAsync(root, data.FullName, lowLatency, 1);
        var (id, rtmp, key) = await CreateStreamAsync(server, lowLatency ? "lowlatency" : "normal");
        var gop = lowLatency ? 30 : 60;
        using var broadcaster = Ffmpeg(
            $"-re -f lavfi -i \"testsrc2=size=640x360:rate=30:duration=120{LiveBroadcaster.ClockBand()}\" "
                + "-f lavfi -i sine=frequency=440:duration=120 -c:v libx264 -preset ultrafast -tune zerolatency "
                + $"-g {gop} -b:v 1500k "
                + $"-c:a aac -f flv {rtmp}/{key}"
        );
        try
        {
            await WaitLiveAsync(server, id);
            var hls = (await server.GraphQLAsync(null, $"{{ liveStream(id: \"{Gid(id)}\") {{ hlsUrl }} }}"))[
                "liveStream"
            ]!["hlsUrl"]!.GetValue<string>();
            var peers = Path.Combine(root, "tests", "peers");
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = peers,
            };
            foreach (
                var a in new[]
                {
                    Path.Combine(peers, "live-play.mjs"),
                    server.BaseAddress.ToString().TrimEnd('/'),
                    hls,
                    lowLatency ? "1" : "0",
                }
            )
            {
                start.ArgumentList.Add(a);
            }

            using var node = Process.Start(start)!;
            var output = await node.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            var result = JsonNode.Parse(output.Trim().Split('\n')[^1]) ?? throw new InvalidOperationException(errors);
            var latencies = result["latencies"]!.AsArray().Select(l => l!.GetValue<double>() / 1000).Order().ToList();
            return (
                latencies[latencies.Count / 2],
                latencies[0],
                latencies[^1],
                result["hlsLatency"]!.GetValue<double>()
            );
        }
        finally
        {
            broadcaster.Kill();
        }
    }
}
