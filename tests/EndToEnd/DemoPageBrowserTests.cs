using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.EndToEnd;

/// <summary>The demo watch page in a real browser, end to end: upload with Uppy over tus, live status,
/// playback.</summary>
public sealed class DemoPageBrowserTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_person_uploads_a_clip_watches_it_become_ready_without_reloading_and_plays_it()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
            },
            kestrel: true
        );
        var clip = TestMedia.Clip720(_files.Path, seconds: 6);

        var (exitCode, output) = await NodePeer.RunAsync(
            "demo.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), clip],
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        Assert.True(exitCode == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(1, result["loads"]!.GetValue<int>());
        // Uppy (@uppy/core + @uppy/tus) sent the file: a tus creation, then its bytes.
        Assert.Equal(
            ["POST /uploads/tus", "PATCH /uploads/tus"],
            result["tusRequests"]!.AsArray().Select(r => r!.GetValue<string>()).Distinct()
        );
        Assert.Equal(100, result["uploadValue"]!.GetValue<double>());
        Assert.Contains(result["uploadPercents"]!.AsArray(), p => p!.GetValue<double>() is > 0 and < 100);
        var statuses = result["statuses"]!.AsArray().Select(s => s!.GetValue<string>()).Distinct().ToList();
        Assert.Equal("READY", statuses[^1]);
        Assert.Contains("PROCESSING", statuses);
        Assert.Equal(
            ["Auto", "360p", "480p", "720p"],
            result["qualities"]!.AsArray().Select(q => q!.GetValue<string>())
        );
        Assert.True(result["currentTime"]!.GetValue<double>() > 1.5);

        // The player reported the viewing once, and it counted.
        Assert.Equal("1 view", result["views"]!.GetValue<string>());

        // Hovering three quarters along the timeline of a 6 s video previews the tile of second 4 of the sprite.
        var preview = result["preview"]!;
        Assert.Contains("/storyboard/sprite.jpg", preview["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(preview["time"]!.GetValue<double>(), 4, 5);
        Assert.Equal("-640px 0px", preview["position"]!.GetValue<string>());

        // The caption added on the page is a text track in Chromium, through hls.js and the master's SUBTITLES group.
        var caption = Assert.Single(result["captions"]!.AsArray())!;
        Assert.Equal(
            ("English", "en"),
            (caption["label"]!.GetValue<string>(), caption["language"]!.GetValue<string>())
        );
        Assert.Equal("Hello from the captions", caption["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_page_plays_a_video_from_its_start_while_it_is_still_encoding()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
                ["StreamEngine:Pipeline:FfmpegPath"] = TestMedia.RealTimeFfmpeg(_files.Path),
            },
            kestrel: true
        );
        var clip = TestMedia.MakeClip(
            _files.Path,
            "twenty.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 "
                + "-c:v libx264 -preset ultrafast -c:a aac -shortest"
        );

        var (exitCode, output) = await NodePeer.RunAsync(
            "early-play.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), clip],
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        // hls.js started on the growing playlists while the server was still encoding (ffmpeg reads the 20 s source
        // in real time), played past 2 s before READY, and went on across READY to past 12 s in the same player.
        Assert.True(exitCode == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        var pipeline = app.Logs.Lines.Where(l => l.Contains("Pipelines", StringComparison.Ordinal));
        Assert.True(
            result["statusWhenShown"]!.GetValue<string>() == "PROCESSING",
            $"The player appeared only at READY.\nThe page saw: {result["seen"]}\nThe pipeline logged:\n"
                + string.Join('\n', pipeline)
        );
        Assert.Equal("PROCESSING", result["early"]!["status"]!.GetValue<string>());
        Assert.InRange(result["early"]!["currentTime"]!.GetValue<double>(), 2, 10);
        Assert.True(result["late"]!["currentTime"]!.GetValue<double>() > 12);
    }
}
