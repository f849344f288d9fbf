using System.Diagnostics;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using Xunit.Abstractions;

namespace StreamEngine.Web.Tests.Live;

/// <summary>A broadcaster that drops and returns continues the same stream (with a discontinuity in its playlists);
/// one that does not return ends it; a recorded stream becomes a READY video of the broadcast's length.</summary>
[Collection(LiveCollection.Name)]
public sealed class LiveReconnectAndRecordingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_broadcaster_that_returns_within_the_window_continues_and_the_recording_becomes_a_video()
    {
        var (app, client, _) = await LiveClient.StartAsync("returner");
        await using var _ = app;
        var stream = await LiveClient.CreateAsync(client, "Recorded live", record: true);
        var id = stream["id"]!.GetValue<string>();
        var key = stream["streamKey"]!.GetValue<string>();
        var rtmp = new Uri(stream["rtmpUrl"]!.GetValue<string>());

        // First connection: live for a while, then the broadcaster dies without a goodbye.
        var first = Stopwatch.StartNew();
        using (var broadcaster = LiveBroadcaster.Start(rtmp, key, seconds: 120))
        {
            Assert.Equal(
                "LIVE",
                (await LiveClient.WaitForAsync(client, id, "LIVE", TimeSpan.FromSeconds(20)))[
                    "status"
                ]!.GetValue<string>()
            );
            await Task.Delay(TimeSpan.FromSeconds(4));
            broadcaster.Kill();
        }

        var firstSeconds = first.Elapsed.TotalSeconds;
        var away = await LiveClient.WaitForAsync(client, id, "RECONNECTING", TimeSpan.FromSeconds(15));
        Assert.Equal("RECONNECTING", away["status"]!.GetValue<string>());
        var hls = new Uri(away["hlsUrl"]!.GetValue<string>());

        // Back within the window: the same stream goes LIVE again and its playlists mark the join.
        using var back = LiveBroadcaster.Start(rtmp, key, seconds: 8);
        Assert.Equal(
            "LIVE",
            (await LiveClient.WaitForAsync(client, id, "LIVE", TimeSpan.FromSeconds(20)))["status"]!.GetValue<string>()
        );
        using var http = new HttpClient();
        await LiveStreamingTests.WaitAsync(async () =>
            DiscontinuityAfterSegments(await http.GetStringAsync(new Uri(hls, "r0/index.m3u8")))
        );
        Assert.Equal(0, await back.WaitAsync(TimeSpan.FromSeconds(30)));
        await LiveClient.WaitForAsync(client, id, "RECONNECTING", TimeSpan.FromSeconds(15));

        var ended = await client.SendAsync(
            "mutation($id: ID!) { endLiveStream(input: { liveStreamId: $id }) { liveStream { status recording { id } } "
                + "errors { code } } }",
            new { id }
        );
        var recording = ended.Ok()["endLiveStream"]!["liveStream"]!["recording"]!["id"]!.GetValue<string>();
        var video = await WaitForVideoAsync(client, recording, "READY", TimeSpan.FromSeconds(120));
        var duration = video["durationSeconds"]!.GetValue<double>();
        var broadcast = firstSeconds + 8;
        output.WriteLine(
            $"broadcast about {broadcast:0.0} s (first connection {firstSeconds:0.0} s + 8 s); "
                + $"recording {duration:0.0} s"
        );
        Assert.Equal("READY", video["status"]!.GetValue<string>());
        Assert.InRange(duration, broadcast - 2, broadcast + 2);

        // The recording and the live segments are gone once handed over.
        await LiveStreamingTests.WaitAsync(() =>
            Task.FromResult(
                !Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "live", "recordings")).Any()
                    && !Directory.Exists(
                        Path.Combine(app.DataDirectory, "live", "streams", LiveStreamingTests.Key(stream))
                    )
            )
        );
    }

    [Fact]
    public async Task A_broadcaster_that_does_not_return_within_the_window_ends_the_stream()
    {
        var (app, client, _) = await LiveClient.StartAsync(
            "leaver",
            new Dictionary<string, string?> { ["StreamEngine:Live:ReconnectWindow"] = "00:00:03" }
        );
        await using var _ = app;
        var stream = await LiveClient.CreateAsync(client, "Short-lived");
        var id = stream["id"]!.GetValue<string>();
        using (
            var broadcaster = LiveBroadcaster.Start(
                new Uri(stream["rtmpUrl"]!.GetValue<string>()),
                stream["streamKey"]!.GetValue<string>(),
                seconds: 60
            )
        )
        {
            await LiveClient.WaitForAsync(client, id, "LIVE", TimeSpan.FromSeconds(20));
            broadcaster.Kill();
        }

        var ended = await LiveClient.WaitForAsync(client, id, "ENDED", TimeSpan.FromSeconds(30));
        Assert.Equal("ENDED", ended["status"]!.GetValue<string>());
        Assert.Contains("did not return", ended["endReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(ended["recording"]);

        // Its key no longer publishes.
        using var late = LiveBroadcaster.Start(
            new Uri(stream["rtmpUrl"]!.GetValue<string>()),
            stream["streamKey"]!.GetValue<string>(),
            seconds: 20
        );
        Assert.NotEqual(0, await late.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    private static bool DiscontinuityAfterSegments(string playlist)
    {
        var lines = playlist.Split('\n');
        var firstSegment = Array.FindIndex(lines, l => l.StartsWith("#EXTINF", StringComparison.Ordinal));
        return firstSegment >= 0
            && lines.Skip(firstSegment).Any(l => l.StartsWith("#EXT-X-DISCONTINUITY", StringComparison.Ordinal));
    }

    private static async Task<JsonNode> WaitForVideoAsync(
        TestSupport.GraphQLClient client,
        string id,
        string status,
        TimeSpan timeout
    )
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var video = (
                await client.SendAsync(
                    "query($id: ID!) { video(id: $id) { status durationSeconds failureReason } }",
                    new { id }
                )
            ).Ok()["video"]!;
            var now = video["status"]!.GetValue<string>();
            if (now == status || now == "FAILED" || DateTime.UtcNow > deadline)
            {
                Assert.True(now == status, $"video {now}: {video["failureReason"]}");
                return video;
            }

            await Task.Delay(500);
        }
    }
}
