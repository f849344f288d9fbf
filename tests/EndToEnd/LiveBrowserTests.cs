using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using Xunit.Abstractions;

namespace StreamEngine.EndToEnd;

/// <summary>A live broadcast played by hls.js in Chromium, with the glass-to-glass latency read from the
/// broadcaster's on-screen clock.</summary>
public sealed class LiveBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hls_js_in_chromium_plays_a_live_broadcast_and_its_latency_is_measured_from_the_picture()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Live:Enabled"] = "true",
                ["StreamEngine:Live:RtmpAddress"] = "127.0.0.1",
                ["StreamEngine:Live:RtmpPort"] = "0",
                ["StreamEngine:Live:Preset"] = "ultrafast",
                ["StreamEngine:Live:SrtPorts"] = "",
            },
            kestrel: true
        );
        var client = app.CreateGraphQLClient();
        var registered = await client.SendAsync(
            "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }",
            new
            {
                input = new
                {
                    email = $"live.{Guid.NewGuid():N}@example.com",
                    password = "violet-harbour-29",
                    handle = "live_" + Guid.NewGuid().ToString("N")[..8],
                    displayName = "Live",
                },
            }
        );
        client.AccessToken = registered.Ok()["register"]!["accessToken"]!.GetValue<string>();
        var stream = (
            await client.SendAsync(
                "mutation { createLiveStream(input: { title: \"On air\" }) { liveStream { id streamKey rtmpUrl } } }"
            )
        ).Ok()["createLiveStream"]!["liveStream"]!;
        var id = stream["id"]!.GetValue<string>();

        using var broadcaster = LiveBroadcaster.Start(
            new Uri(stream["rtmpUrl"]!.GetValue<string>()),
            stream["streamKey"]!.GetValue<string>(),
            seconds: 90,
            clockBand: true
        );
        string? hls = null;
        for (var i = 0; i < 120 && hls is null; i++)
        {
            await Task.Delay(250);
            hls = (await client.SendAsync("query($id: ID!) { liveStream(id: $id) { hlsUrl } }", new { id })).Ok()[
                "liveStream"
            ]!
                ["hlsUrl"]
                ?.GetValue<string>();
        }

        Assert.NotNull(hls);
        var (exitCode, printed) = await NodePeer.RunAsync(
            "live-play.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), hls],
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );
        Assert.True(exitCode == 0, printed);
        var result = JsonNode.Parse(printed.Trim().Split('\n')[^1])!;
        Assert.Equal(640, result["width"]!.GetValue<int>());
        var latencies = result["latencies"]!.AsArray().Select(l => l!.GetValue<double>()).Order().ToList();
        var median = latencies[latencies.Count / 2];
        output.WriteLine(
            $"glass-to-glass latency, median of {latencies.Count}: {median / 1000:0.0} s "
                + $"(min {latencies[0] / 1000:0.0}, max {latencies[^1] / 1000:0.0}); "
                + $"hls.js latency {result["hlsLatency"]}"
        );

        // A live picture: seconds behind the broadcaster, not minutes (2 s segments, three behind the live edge; a
        // ladder on a loaded machine may fall a little behind real time).
        Assert.InRange(median, 1000, 30_000);
    }
}
