using System.Globalization;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The real tus client, tus-js-client from Node, uploading a 200 MB file through a loopback proxy that cuts
/// its connection at about half: it asks the server where the upload stands, resumes from there, and the video
/// becomes READY from exactly the bytes of the file.</summary>
public sealed class TusClientTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Tus_js_client_resumes_a_200_mb_upload_cut_at_half_and_the_video_is_ready_with_identical_bytes()
    {
        await using var app = new SourceRecordingApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
            },
            kestrel: true
        );
        var client = app.CreateGraphQLClient();
        var token = (await client.SignUpAsync("tusjs")).AccessToken;
        client.AccessToken = token;
        // 20 seconds of uncompressed 640x360 video: 200 MB that transcodes in seconds.
        var file = TestMedia.MakeClip(
            _files.Path,
            "big.avi",
            "-f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 "
                + "-c:v rawvideo -pix_fmt yuv420p -c:a pcm_s16le -shortest"
        );
        var size = new FileInfo(file).Length;
        Assert.True(size > 200_000_000, $"The file has {size} bytes.");

        var (exit, output) = await NodePeer.RunAsync(
            "tus-upload.mjs",
            [
                app.BaseAddress.ToString().TrimEnd('/'),
                token,
                file,
                (size / 2).ToString(CultureInfo.InvariantCulture),
                "Big",
            ],
            TimeSpan.FromMinutes(3)
        );

        Assert.True(exit == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        var requests = result["requests"]!.AsArray().Select(r => r!).ToList();
        Assert.True(result["cut"]!.GetValue<bool>(), output);
        var resumed = requests.Skip(2).ToList();
        Assert.Equal(["POST", "PATCH"], requests.Take(2).Select(r => r["method"]!.GetValue<string>()));
        Assert.Equal("0", requests[1]["offset"]!.GetValue<string>());
        Assert.Null(requests[1]["status"]); // The cut request never got an answer.

        // Then HEAD, PATCH from the offset it gave, until done: while the server still finishes the cut request's
        // bytes, a PATCH is answered 423 (busy) or 409 (it moved on) and the client asks again.
        Assert.Equal(
            Enumerable.Range(0, resumed.Count).Select(i => i % 2 == 0 ? "HEAD" : "PATCH"),
            resumed.Select(r => r["method"]!.GetValue<string>())
        );
        for (var i = 1; i < resumed.Count; i += 2)
        {
            Assert.Equal(resumed[i - 1]["serverOffset"]!.GetValue<string>(), resumed[i]["offset"]!.GetValue<string>());
            Assert.Contains(
                resumed[i]["status"]!.GetValue<int>(),
                i == resumed.Count - 1 ? new[] { 204 } : new[] { 409, 423 }
            );
        }

        var resumedOffset = long.Parse(resumed[^1]["offset"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(resumedOffset, size / 4, size / 2);
        Assert.Equal(size.ToString(CultureInfo.InvariantCulture), resumed[^1]["serverOffset"]!.GetValue<string>());

        var videoId = result["videoId"]!.GetValue<string>();
        var video = await client.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(2));
        Assert.True(video["status"]!.GetValue<string>() == "READY", video.ToJsonString());
        Assert.Equal("Big", video["title"]!.GetValue<string>());
        Assert.Equal(SourceRecordingApp.Sha256(file), app.SourceHashes[TestIds.Key(videoId)]);
    }
}
