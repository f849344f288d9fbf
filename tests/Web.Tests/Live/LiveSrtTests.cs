using System.Diagnostics;
using StreamEngine.TestSupport;
using Xunit.Abstractions;

namespace StreamEngine.Web.Tests.Live;

/// <summary>SRT ingest: ffmpeg as an SRT caller (MPEG-TS, as OBS sends it) publishes to the stream's listener with the
/// key as passphrase; a caller with another passphrase fails the SRT handshake before any media.</summary>
[Collection(LiveCollection.Name)]
public sealed class LiveSrtTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_broadcast_over_srt_goes_live_and_a_wrong_passphrase_is_refused_in_the_handshake()
    {
        // UDP ports of this test's own (SRT listeners of other test servers may be running).
        var first = 20000 + Random.Shared.Next(0, 20000);
        var (app, client, _) = await LiveClient.StartAsync(
            "srtcaster",
            new Dictionary<string, string?>
            {
                ["StreamEngine:Live:SrtAddress"] = "127.0.0.1",
                ["StreamEngine:Live:SrtPorts"] = $"{first}-{first + 9}",
            }
        );
        await using var _ = app;
        var stream = await LiveClient.CreateAsync(client, "Over SRT");
        var id = stream["id"]!.GetValue<string>();
        Uri? srt = null;
        await LiveStreamingTests.WaitAsync(async () =>
        {
            var url = (await client.SendAsync("query($id: ID!) { liveStream(id: $id) { srtUrl } }", new { id })).Ok()[
                "liveStream"
            ]!["srtUrl"];
            srt = url is null ? null : new Uri(url.GetValue<string>());
            return srt is not null;
        });
        Assert.Equal("srt", srt!.Scheme);
        Assert.Contains("passphrase=" + stream["streamKey"]!.GetValue<string>(), srt.Query, StringComparison.Ordinal);

        // A stranger sees no SRT URL.
        Assert.Null((await LiveClient.GetAsync(app.CreateGraphQLClient(), id))["srtUrl"]);

        var wrong = new Uri(
            srt.ToString()
                .Replace(
                    stream["streamKey"]!.GetValue<string>(),
                    "live_wrongwrongwrongwrongwrong",
                    StringComparison.Ordinal
                )
        );
        using (var intruder = LiveBroadcaster.StartSrt(wrong, seconds: 20))
        {
            Assert.NotEqual(0, await intruder.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        Assert.Equal("IDLE", (await LiveClient.GetAsync(client, id))["status"]!.GetValue<string>());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "live", "recordings")));

        var clock = Stopwatch.StartNew();
        using var broadcaster = LiveBroadcaster.StartSrt(srt, seconds: 40);
        var live = await LiveClient.WaitForAsync(client, id, "LIVE", TimeSpan.FromSeconds(20));
        output.WriteLine($"SRT: IDLE -> LIVE in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("LIVE", live["status"]!.GetValue<string>());

        // 8 s on a quiet machine (the relay's and the ladder's probes); the bound leaves room for a loaded one.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"LIVE after {clock.Elapsed}");
        using var http = new HttpClient();
        var hls = new Uri(live["hlsUrl"]!.GetValue<string>());
        Assert.Contains("#EXTINF:", await http.GetStringAsync(new Uri(hls, "r0/index.m3u8")), StringComparison.Ordinal);

        // An account holds two SRT ports (Live:SrtPortsPerAccount): with two more streams, the one on air keeps its
        // port, one of the new ones takes the second, the other shows no SRT URL (RTMP still takes it).
        string[] more =
        [
            (await LiveClient.CreateAsync(client, "Second"))["id"]!.GetValue<string>(),
            (await LiveClient.CreateAsync(client, "Third"))["id"]!.GetValue<string>(),
        ];
        async Task<int> WithSrtAsync()
        {
            var count = 0;
            foreach (var other in more)
            {
                count += (await LiveClient.GetAsync(client, other))["srtUrl"] is null ? 0 : 1;
            }

            return count;
        }

        await LiveStreamingTests.WaitAsync(async () => await WithSrtAsync() > 0);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two more passes over the listeners
        Assert.Equal(1, await WithSrtAsync());
        var onAir = await LiveClient.GetAsync(client, id);
        Assert.Equal(srt, new Uri(onAir["srtUrl"]!.GetValue<string>()));
        Assert.Equal("LIVE", onAir["status"]!.GetValue<string>());
    }
}
