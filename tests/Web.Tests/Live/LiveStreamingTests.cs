using System.Diagnostics;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;
using Xunit.Abstractions;

namespace StreamEngine.Web.Tests.Live;

/// <summary>Live streaming end to end, with ffmpeg as the broadcaster and the real RTMP ingest (nginx with its RTMP
/// module) started by the server: the key checked before any media, the status over the subscription, the live
/// ladder over signed HLS, a broadcaster that returns, and a recording that becomes a video.</summary>
[Collection(LiveCollection.Name)]
public sealed class LiveStreamingTests(ITestOutputHelper output)
{
    private const string StatusSubscription =
        "subscription($id: ID!) { liveStreamStatusChanged(id: $id) { status viewerCount liveStream { id } } }";

    [Fact]
    public async Task A_broadcast_goes_from_idle_to_live_over_the_subscription_and_its_ladder_plays()
    {
        var (app, client, user) = await LiveClient.StartAsync("broadcaster");
        await using var _ = app;
        var stream = await LiveClient.CreateAsync(client, "First live");
        Assert.Equal("IDLE", stream["status"]!.GetValue<string>());
        Assert.StartsWith("live_", stream["streamKey"]!.GetValue<string>(), StringComparison.Ordinal);
        var rtmp = new Uri(stream["rtmpUrl"]!.GetValue<string>());
        Assert.Equal("rtmp", rtmp.Scheme);

        await using var socket = await RawSocket.ConnectAsync(app.BaseAddress, "graphql-transport-ws");
        await socket.SubscribeAsync(
            user.AccessToken,
            StatusSubscription,
            new { id = stream["id"]!.GetValue<string>() }
        );
        Assert.Equal("IDLE", await NextStatusAsync(socket));

        var clock = Stopwatch.StartNew();
        using var broadcaster = LiveBroadcaster.Start(rtmp, stream["streamKey"]!.GetValue<string>(), seconds: 40);
        var statuses = new List<string>();
        while (statuses.LastOrDefault() != "LIVE")
        {
            statuses.Add(await NextStatusAsync(socket, TimeSpan.FromSeconds(20)));
        }

        output.WriteLine($"IDLE -> LIVE in {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(" -> ", statuses)}");
        Assert.Equal(["CONNECTING", "LIVE"], statuses);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"LIVE after {clock.Elapsed}");

        // The signed ladder: a master with the passed-through 360p rung only (nothing above the source), TS segments.
        var live = await LiveClient.GetAsync(client, stream["id"]!.GetValue<string>());
        var hls = new Uri(live["hlsUrl"]!.GetValue<string>());
        using var http = new HttpClient();
        var master = await http.GetStringAsync(hls);
        Assert.Contains("RESOLUTION=640x360", master, StringComparison.Ordinal);
        Assert.DoesNotContain("1280x720", master, StringComparison.Ordinal);
        var variant = await http.GetStringAsync(new Uri(hls, "r0/index.m3u8"));
        Assert.Contains("#EXTINF:", variant, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", variant, StringComparison.Ordinal);
        var segment = variant.Split('\n').First(l => l.EndsWith(".ts", StringComparison.Ordinal));
        var bytes = await http.GetByteArrayAsync(new Uri(hls, "r0/" + segment));
        Assert.Equal(0x47, bytes[0]); // an MPEG-TS sync byte

        // A bad token is refused; the key appears in no URL a viewer gets.
        var forged = hls.ToString().Replace("/master.m3u8", "x/master.m3u8", StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(new Uri(forged))).StatusCode);
        Assert.DoesNotContain(stream["streamKey"]!.GetValue<string>(), master + variant, StringComparison.Ordinal);

        // Its viewer shows up in the count, and a stranger sees the stream but not its key.
        await WaitAsync(async () =>
            (await LiveClient.GetAsync(client, stream["id"]!.GetValue<string>()))["viewerCount"]!.GetValue<int>() >= 1
        );
        var stranger = app.CreateGraphQLClient();
        var seen = await LiveClient.GetAsync(stranger, stream["id"]!.GetValue<string>());
        Assert.Equal("LIVE", seen["status"]!.GetValue<string>());
        Assert.Null(seen["streamKey"]);
        Assert.Null(seen["rtmpUrl"]);
        var now = (await stranger.SendAsync("{ liveNow { id } }")).Ok()["liveNow"]!.AsArray();
        Assert.Contains(now, n => n!["id"]!.GetValue<string>() == stream["id"]!.GetValue<string>());

        // A subscriber finds it in the live part of their feed, and on the channel's page.
        var fan = await stranger.SignUpAsync("fan");
        stranger.AccessToken = fan.AccessToken;
        var channel = (
            await client.SendAsync(
                "query($id: ID!) { liveStream(id: $id) { channel { id } } }",
                new { id = Id(stream) }
            )
        ).Ok()["liveStream"]!["channel"]!["id"]!.GetValue<string>();
        Assert.Empty(
            (await stranger.SendAsync("{ viewer { liveFeed { id } } }")).Ok()["viewer"]!["liveFeed"]!.AsArray()
        );
        await stranger.SendAsync(
            "mutation($id: ID!) { subscribeToChannel(input: { channelId: $id }) { errors { code } } }",
            new { id = channel }
        );
        var feed = (await stranger.SendAsync("{ viewer { liveFeed { id } } }")).Ok()["viewer"]!["liveFeed"]!.AsArray();
        Assert.Equal([Id(stream)], feed.Select(n => n!["id"]!.GetValue<string>()));
        var page = (
            await stranger.SendAsync(
                "query($id: ID!) { node(id: $id) { ... on Channel { liveNow { id } } } }",
                new { id = channel }
            )
        ).Ok()["node"]!["liveNow"]!.AsArray();
        Assert.Equal([Id(stream)], page.Select(n => n!["id"]!.GetValue<string>()));

        // Ending it drops the broadcaster and completes the subscription.
        var ended = await client.SendAsync(
            "mutation($id: ID!) { endLiveStream(input: { liveStreamId: $id }) { liveStream { status } "
                + "errors { code } } }",
            new { id = stream["id"]!.GetValue<string>() }
        );
        Assert.Equal("ENDED", ended.Ok()["endLiveStream"]!["liveStream"]!["status"]!.GetValue<string>());
        while (await NextStatusAsync(socket, TimeSpan.FromSeconds(10)) != "ENDED") { }

        Assert.Equal("complete", (await socket.ReceiveAsync(TimeSpan.FromSeconds(10)))!["type"]!.GetValue<string>());
        await broadcaster.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitAsync(() =>
            Task.FromResult(!Directory.Exists(Path.Combine(app.DataDirectory, "live", "streams", Key(stream))))
        );
    }

    [Fact]
    public async Task A_wrong_key_is_refused_before_any_media_is_read()
    {
        var (app, client, _) = await LiveClient.StartAsync("wrongkey");
        await using var _ = app;
        var stream = await LiveClient.CreateAsync(client, "Guarded");
        var rtmp = new Uri(stream["rtmpUrl"]!.GetValue<string>());

        using var intruder = LiveBroadcaster.Start(rtmp, "live_0000000000000000000000000000000000", seconds: 30);
        Assert.NotEqual(0, await intruder.WaitAsync(TimeSpan.FromSeconds(15)));

        // nginx asked us before reading media: nothing recorded, nothing encoded, the real stream untouched.
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "live", "recordings")));
        Assert.Equal(
            "IDLE",
            (await LiveClient.GetAsync(client, stream["id"]!.GetValue<string>()))["status"]!.GetValue<string>()
        );
    }

    [Fact]
    public async Task A_second_broadcaster_on_a_live_key_and_a_codec_we_cannot_carry_are_refused()
    {
        var (app, client, _) = await LiveClient.StartAsync(
            "second",
            new Dictionary<string, string?> { ["StreamEngine:Live:MaxActivePerUser"] = "2" }
        );
        await using var _ = app;
        var stream = await LiveClient.CreateAsync(client, "Taken");
        var rtmp = new Uri(stream["rtmpUrl"]!.GetValue<string>());
        using var first = LiveBroadcaster.Start(rtmp, stream["streamKey"]!.GetValue<string>(), seconds: 60);
        await LiveClient.WaitForAsync(client, stream["id"]!.GetValue<string>(), "LIVE", TimeSpan.FromSeconds(20));

        using var second = LiveBroadcaster.Start(rtmp, stream["streamKey"]!.GetValue<string>(), seconds: 30);
        Assert.NotEqual(0, await second.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.False(first.HasExited);
        Assert.Equal(
            "LIVE",
            (await LiveClient.GetAsync(client, stream["id"]!.GetValue<string>()))["status"]!.GetValue<string>()
        );

        // Sorenson Spark (FLV's old codec) passes RTMP but not our ladder: the stream ends with the reason.
        var old = await LiveClient.CreateAsync(client, "Old codec");
        using var flv1 = LiveBroadcaster.Start(
            rtmp,
            old["streamKey"]!.GetValue<string>(),
            seconds: 30,
            videoCodec: "flv1"
        );
        var refused = await LiveClient.WaitForAsync(
            client,
            old["id"]!.GetValue<string>(),
            "ENDED",
            TimeSpan.FromSeconds(30)
        );
        Assert.Equal("ENDED", refused["status"]!.GetValue<string>());
        Assert.Contains("H.264", refused["endReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(0, await flv1.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private static string Id(JsonNode stream) => stream["id"]!.GetValue<string>();

    internal static string Key(JsonNode stream) =>
        StreamEngine
            .Application.Common.GlobalId.Key(stream["id"]!.GetValue<string>(), "LiveStream")!
            .Value.ToString("N");

    internal static async Task<string> NextStatusAsync(RawSocket socket, TimeSpan? timeout = null)
    {
        var message = await socket.ReceiveTypeAsync("next", timeout ?? TimeSpan.FromSeconds(10));
        return message!["payload"]!["data"]!["liveStreamStatusChanged"]!["status"]!.GetValue<string>();
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(250);
        }
    }
}

/// <summary>Live tests run alone, after the others: their broadcasters and ladders keep both cores busy in real time,
/// which made timing-sensitive tests beside them (a SIGTERM hand-over, a slowloris limit) miss their windows.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveCollection
{
    public const string Name = "Live streaming (ffmpeg broadcasters share the cores)";
}
