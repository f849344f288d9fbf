using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using Xunit.Abstractions;

namespace StreamEngine.EndToEnd;

/// <summary>The reference web app at <c>/</c>, walked in a real browser by two people through the public API only:
/// register and verify, upload, READY without a reload, play, like, comment, reply, subscribe, feed, playlist,
/// history, search, delete; every page at two widths, checked by axe-core.</summary>
public sealed class WebAppBrowserTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>What the home page loads before it renders (gzip): the app's entry script and styles. hls.js and
    /// tus-js-client load only on the pages that use them.</summary>
    private const int InitialBundleBudgetBytes = 64 * 1024;

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Two_people_use_the_site_end_to_end_and_every_page_is_accessible()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
                ["StreamEngine:Accounts:RequireVerifiedEmailToUpload"] = "true",
            },
            kestrel: true
        );
        var clip = TestMedia.Clip720(_files.Path, seconds: 4);
        var screenshots = Path.Combine(AppContext.BaseDirectory, "webapp-screenshots");

        var (exitCode, text) = await NodePeer.RunAsync(
            "webapp.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), clip, Path.Combine(app.DataDirectory, "outbox"), screenshots],
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        Assert.True(exitCode == 0, text);
        var result = JsonNode.Parse(text.Trim().Split('\n')[^1])!;
        output.WriteLine($"screenshots: {screenshots}");
        output.WriteLine($"steps: {result["steps"]!.ToJsonString()}");
        Assert.Empty(result["pageErrors"]!.AsArray());

        // The status moved to READY on the studio page with no reload, and the video played.
        Assert.True(result["readyWithoutReload"]!.GetValue<bool>());
        Assert.True(result["currentTime"]!.GetValue<double>() > 1);
        Assert.Equal(["Auto", "720p", "480p", "360p"], Strings(result["qualities"]));
        // The poster set from the studio, and the caption track added there, offered by the player.
        Assert.True(result["posterChanged"]!.GetValue<bool>());
        Assert.Equal(["Off", "English"], Strings(result["captionOptions"]));

        // Cache-driven: the like, the comment and the reply show where they belong without a reload (the count
        // includes replies).
        Assert.Equal("1", result["likeCount"]!.GetValue<string>());
        Assert.Equal("2 comments", result["commentsHeading"]!.GetValue<string>());
        Assert.Equal("1 subscriber", result["subscriberText"]!.GetValue<string>());
        var title = Strings(result["feed"]).Single();
        Assert.StartsWith("Walk ", title, StringComparison.Ordinal);
        Assert.StartsWith("Walk favourites", result["playlistLine"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("1 video", result["playlistLine"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([title], Strings(result["playlistVideos"]));
        Assert.Contains(title, Strings(result["history"]));
        Assert.StartsWith("1 result for", result["searchHeading"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("0 results for", result["searchAfterDelete"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(result["signInErrors"]!.AsArray());
        Assert.Equal(0, result["googleOffered"]!.GetValue<int>()); // no client id configured

        // Every page at both widths, and no serious or critical accessibility violation on any of them.
        Assert.Equal(22, result["screenshots"]!.AsArray().Count);
        Assert.All(result["screenshots"]!.AsArray(), s => Assert.True(File.Exists(s!.GetValue<string>())));
        var violations = result["accessibility"]!.AsObject().Where(p => p.Value!.AsArray().Count > 0).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations.Select(p => $"{p.Key}: {p.Value}")));

        var bundle = InitialBundleBytes(app);
        output.WriteLine(
            $"home: first contentful paint {result["firstContentfulPaintMs"]} ms, list rendered in "
                + $"{result["homeRenderMs"]} ms; initial bundle {bundle} bytes gzip (budget {InitialBundleBudgetBytes})"
        );
        Assert.InRange(bundle, 1, InitialBundleBudgetBytes);
    }

    [Fact]
    public async Task An_upload_cut_off_by_closing_the_page_resumes_from_the_servers_offset_as_the_same_video()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?> { ["StreamEngine:Pipeline:Preset"] = "ultrafast" },
            kestrel: true
        );
        // About 12 MB: long enough at the page's throttled 1 MB/s to close it part way.
        var clip = TestMedia.MakeClip(
            _files.Path,
            "big.mp4",
            "-f lavfi -i testsrc2=size=1280x720:rate=30 -t 6 -c:v libx264 -preset ultrafast -b:v 16M -maxrate 16M "
                + "-bufsize 4M"
        );

        var (exitCode, text) = await NodePeer.RunAsync(
            "webapp-resume.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), clip],
            TimeSpan.FromMinutes(4),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        Assert.True(exitCode == 0, text);
        var result = JsonNode.Parse(text.Trim().Split('\n')[^1])!;
        var requests = Strings(result["patches"]);
        Assert.True(result["resumedNotice"]!.GetValue<bool>());
        Assert.Equal("PATCH 0", requests[1]);
        Assert.True(long.Parse(requests[^1]["PATCH ".Length..], CultureInfo.InvariantCulture) > 0, text);
        Assert.Equal(1, result["videos"]!.GetValue<int>());
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The gzip size of the scripts and styles index.html names.</summary>
    private static long InitialBundleBytes(StreamEngineApp app)
    {
        var root = Path.Combine(app.WebRootPath, "assets");
        var index = File.ReadAllText(Path.Combine(app.WebRootPath, "index.html"));
        long total = 0;
        foreach (var file in Directory.EnumerateFiles(root))
        {
            if (!index.Contains("/assets/" + Path.GetFileName(file), StringComparison.Ordinal))
            {
                continue;
            }

            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(File.ReadAllBytes(file));
            }

            total += buffer.Length;
        }

        return total;
    }
}
