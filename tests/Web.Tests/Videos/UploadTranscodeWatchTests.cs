using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The heart of the product through the public API on the embedded default: upload in signed parts,
/// transcode with real ffmpeg, watch through signed HLS URLs.</summary>
public sealed partial class UploadTranscodeWatchTests : IClassFixture<UploadTranscodeWatchTests.App>, IDisposable
{
    private readonly App _app;
    private readonly GraphQLClient _client;
    private readonly TempDirectory _files = new();

    public UploadTranscodeWatchTests(App app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
            }
        );

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_clip_uploaded_in_parts_becomes_an_aligned_hls_ladder_playable_through_its_signed_url()
    {
        var user = await _client.SignUpAsync("creator");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path);

        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        Assert.Empty(created["errors"]!.AsArray());
        Assert.Equal("AWAITING_UPLOAD", created["video"]!["status"]!.GetValue<string>());
        var upload = created["upload"]!;
        Assert.True(upload["parts"]!.AsArray().Count >= 2, "The test needs at least two parts.");

        var etags = await _client.PutPartsAsync(upload, clip);
        var completed = (await _client.CompleteAsync(upload["id"]!.GetValue<string>(), etags)).Ok()[
            "completeVideoUpload"
        ]!;
        Assert.Empty(completed["errors"]!.AsArray());
        Assert.Equal("PROCESSING", completed["video"]!["status"]!.GetValue<string>());

        var video = await _client.WaitUntilSettledAsync(
            completed["video"]!["id"]!.GetValue<string>(),
            TimeSpan.FromMinutes(3)
        );
        Assert.True(video["status"]!.GetValue<string>() == "READY", video.ToJsonString());
        Assert.Equal(
            ["720p", "480p", "360p"],
            video["renditions"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())
        );
        Assert.Equal((1280, 720), (video["width"]!.GetValue<int>(), video["height"]!.GetValue<int>()));
        Assert.InRange(video["durationSeconds"]!.GetValue<double>(), 8.5, 9.5);
        Assert.NotNull(video["publishedAt"]);

        // Play it as a player would: the master playlist, every rendition playlist, every segment.
        var master = await GetTextAsync(video["playback"]!["hlsUrl"]!.GetValue<string>());
        Assert.StartsWith("#EXTM3U", master, StringComparison.Ordinal);
        var variantUris = master.Split('\n').Where(l => l.EndsWith(".m3u8", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, variantUris.Count);
        var segmentCounts = new List<int>();
        foreach (var variant in variantUris)
        {
            var playlistUrl = new Uri(new Uri(video["playback"]!["hlsUrl"]!.GetValue<string>()), variant);
            var playlist = await GetTextAsync(playlistUrl.ToString());
            var segments = playlist.Split('\n').Where(l => l.EndsWith(".m4s", StringComparison.Ordinal)).ToList();
            segmentCounts.Add(segments.Count);
            Assert.Contains("#EXT-X-MAP:URI=\"init.mp4\"", playlist, StringComparison.Ordinal);
            var init = await _client.Http.GetByteArrayAsync(new Uri(playlistUrl, "init.mp4"));
            foreach (var segment in segments)
            {
                using var response = await _client.Http.GetAsync(new Uri(playlistUrl, segment));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("video/iso.segment", response.Content.Headers.ContentType!.MediaType);
                Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
                var local = Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".mp4");
                await File.WriteAllBytesAsync(local, [.. init, .. await response.Content.ReadAsByteArrayAsync()]);
                Assert.True(
                    TestMedia.FirstFrameIsKeyframe(local),
                    $"{variant} {segment} does not start with a keyframe"
                );
            }
        }

        // One audio rendition, named by every variant.
        Assert.Equal(3, master.Split("AUDIO=\"aud\"").Length - 1);
        var audio = await GetTextAsync(
            new Uri(new Uri(video["playback"]!["hlsUrl"]!.GetValue<string>()), "audio/index.m3u8").ToString()
        );
        segmentCounts.Add(audio.Split('\n').Count(l => l.EndsWith(".m4s", StringComparison.Ordinal)));
        Assert.Single(segmentCounts.Distinct());
        using var poster = await _client.Http.GetAsync(video["thumbnail"]!["url"]!.GetValue<string>());
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType!.MediaType);

        // The raw upload is gone once the ladder exists.
        Assert.False(
            Directory.Exists(
                Path.Combine(_app.DataDirectory, "sources", TestIds.Key(video["id"]!.GetValue<string>()).ToString("N"))
            )
        );
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_app.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Segments_support_byte_ranges_and_media_without_a_valid_token_is_forbidden()
    {
        var video = await UploadReadyAsync("ranges");
        var hls = new Uri(video["playback"]!["hlsUrl"]!.GetValue<string>());
        var segment = new Uri(hls, "360p/segment_00000.m4s");

        using var range = new HttpRequestMessage(HttpMethod.Get, segment);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 187);
        using var partial = await _client.Http.SendAsync(range);
        var forged = hls.ToString().Replace("/master.m3u8", string.Empty, StringComparison.Ordinal);
        forged = forged[..(forged.LastIndexOf('-') + 1)] + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/master.m3u8";
        using var bad = await _client.Http.GetAsync(forged);
        using var none = await _client.Http.GetAsync(
            $"/media/{TestIds.Key(video["id"]!.GetValue<string>()):N}/master.m3u8"
        );
        _app.Clock.Advance(TimeSpan.FromHours(7));
        using var expired = await _client.Http.GetAsync(hls);
        _app.Clock.Advance(TimeSpan.FromHours(-7));

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(188, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_from_the_parts_received_and_a_part_may_be_put_again()
    {
        var user = await _client.SignUpAsync("resume");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 4);
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        var upload = created["upload"]!;
        var first = new JsonObject
        {
            ["partSizeBytes"] = upload["partSizeBytes"]!.GetValue<long>(),
            ["parts"] = new JsonArray(upload["parts"]![0]!.DeepClone()),
        };
        await _client.PutPartsAsync(first, clip);

        var session = (
            await _client.SendAsync(
                "query($id: ID!) { uploadSession(id: $id) { receivedParts { partNumber sizeBytes etag } parts { "
                    + "partNumber url } } }",
                new { id = upload["id"]!.GetValue<string>() }
            )
        ).Ok()["uploadSession"]!;
        var etags = await _client.PutPartsAsync(upload, clip);
        var completed = (await _client.CompleteAsync(upload["id"]!.GetValue<string>(), etags)).Ok()[
            "completeVideoUpload"
        ]!;

        Assert.Equal([1], session["receivedParts"]!.AsArray().Select(p => p!["partNumber"]!.GetValue<int>()));
        Assert.Equal(etags[0].ETag, session["receivedParts"]![0]!["etag"]!.GetValue<string>());
        Assert.Equal("PROCESSING", completed["video"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completing_with_missing_or_wrong_parts_changes_nothing_and_completing_twice_starts_one_job()
    {
        var user = await _client.SignUpAsync("twice");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 4);
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        var upload = created["upload"]!;
        var uploadId = upload["id"]!.GetValue<string>();
        var etags = await _client.PutPartsAsync(upload, clip);

        var missing = await _client.CompleteAsync(uploadId, etags.Skip(1));
        var wrong = await _client.CompleteAsync(
            uploadId,
            etags.Select(e => (e.Part, "\"0123456789abcdef0123456789abcdef\""))
        );
        var first = (await _client.CompleteAsync(uploadId, etags)).Ok()["completeVideoUpload"]!;
        var second = (await _client.CompleteAsync(uploadId, etags)).Ok()["completeVideoUpload"]!;

        Assert.Equal(["PARTS_INCOMPLETE"], missing.PayloadErrorCodes("completeVideoUpload"));
        Assert.Equal(["PART_MISMATCH"], wrong.PayloadErrorCodes("completeVideoUpload"));
        Assert.Equal(first["video"]!["id"]!.GetValue<string>(), second["video"]!["id"]!.GetValue<string>());
        Assert.Empty(second["errors"]!.AsArray());
        var video = await _client.WaitUntilSettledAsync(
            first["video"]!["id"]!.GetValue<string>(),
            TimeSpan.FromMinutes(2)
        );
        Assert.Equal("READY", video["status"]!.GetValue<string>());
        Assert.Equal(1, await CountJobsAsync(TestIds.Key(video["id"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("notes.mp4", "These are my holiday notes, not a video.")]
    [InlineData("playlist.mp4", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n")]
    public async Task A_file_that_is_not_a_video_ends_failed_with_a_reason_and_its_bytes_removed(
        string name,
        string content
    )
    {
        var user = await _client.SignUpAsync("notvideo");
        _client.AccessToken = user.AccessToken;
        var file = Path.Combine(_files.Path, name);
        await File.WriteAllTextAsync(file, content);

        var video = await _client.UploadAsync(file);
        var id = TestIds.Key(video["id"]!.GetValue<string>());

        Assert.Equal("FAILED", video["status"]!.GetValue<string>());
        Assert.Contains("not a video", video["failureReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_app.DataDirectory, "sources", id.ToString("N"))));
        Assert.Null(video["playback"]);
    }

    private async Task<JsonNode> UploadReadyAsync(string name)
    {
        var user = await _client.SignUpAsync(name);
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            name + ".mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -t 5 -c:v libx264 -preset ultrafast"
        );
        var video = await _client.UploadAsync(clip);
        var ready = await _client.WaitUntilSettledAsync(video["id"]!.GetValue<string>(), TimeSpan.FromMinutes(2));
        Assert.True(ready["status"]!.GetValue<string>() == "READY", ready.ToJsonString());
        return ready;
    }

    private async Task<string> GetTextAsync(string url)
    {
        using var response = await _client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<int> CountJobsAsync(Guid videoId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var job = await scope
            .ServiceProvider.GetRequiredService<Infrastructure.Pipelines.ITranscodeJobStore>()
            .FindJobOfVideoAsync(videoId, default);
        return job is null ? 0 : 1;
    }
}
