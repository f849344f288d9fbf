using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>An AV1 rung through the whole product: encoded beside H.264, listed with its av01 codec, and played by
/// hls.js through Chromium's Media Source Extensions.</summary>
public sealed class Av1PlaybackTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_av1_variant_plays_in_chromium_through_media_source_extensions()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:Av1Preset"] = "12",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
                ["StreamEngine:Pipeline:Ladder:0:Name"] = "360p",
                ["StreamEngine:Pipeline:Ladder:0:ShortSide"] = "360",
                ["StreamEngine:Pipeline:Ladder:0:VideoKbps"] = "800",
                ["StreamEngine:Pipeline:Ladder:0:Av1Kbps"] = "400",
            },
            kestrel: true
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("av1")).AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "clip.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 6 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );
        var id = (await client.UploadAsync(clip))["id"]!.GetValue<string>();
        var ready = await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(2));
        Assert.True(ready["status"]!.GetValue<string>() == "READY", ready.ToJsonString());
        var hls = ready["playback"]!["hlsUrl"]!.GetValue<string>();

        var (exit, output) = await NodePeer.RunAsync(
            "play-hls.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), hls, "av01"],
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        Assert.True(exit == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.True(result["supported"]!.GetValue<bool>(), output);
        Assert.StartsWith("av01.0.", result["playing"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(
            result["codecs"]!.AsArray(),
            c => c!.GetValue<string>().StartsWith("avc1.", StringComparison.Ordinal)
        );
        Assert.True(result["currentTime"]!.GetValue<double>() > 1.5);
        Assert.Equal(640, result["width"]!.GetValue<int>());
    }
}
