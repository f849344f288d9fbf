using System.Net;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The tus 1.0 server at /uploads/tus through HTTP: creation (also for a video createVideoUpload made),
/// creation-with-upload, appends, HEAD, termination, expiration, and the hostile requests (wrong offset, too many
/// bytes, another account's upload, an expired one) refused with tus status codes and nothing changed.</summary>
public sealed class TusTests : IClassFixture<TusTests.App>, IDisposable
{
    private readonly App _app;
    private readonly TempDirectory _files = new();

    public TusTests(App app) => _app = app;

    public sealed class App()
        : SourceRecordingApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Videos:MaxUploadBytes"] = "104857600",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
            }
        );

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Options_advertise_the_version_extensions_and_maximum_size()
    {
        using var response = await _app.CreateClient()
            .SendAsync(new HttpRequestMessage(HttpMethod.Options, TusClient.Endpoint));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", TusClient.Header(response, "Tus-Version"));
        Assert.Equal(
            "creation,creation-with-upload,termination,expiration",
            TusClient.Header(response, "Tus-Extension")
        );
        Assert.Equal("104857600", TusClient.Header(response, "Tus-Max-Size"));
    }

    [Fact]
    public async Task A_video_created_for_tus_takes_its_file_in_two_patches_and_becomes_ready_with_the_same_bytes()
    {
        var client = _app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("tus")).AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 3);
        var bytes = await File.ReadAllBytesAsync(clip);

        var created = (
            await client.SendAsync(
                "mutation($i: CreateVideoUploadInput!) { createVideoUpload(input: $i) { video { id status } "
                    + "upload { protocol tusUrl parts { url } } errors { code } } }",
                new
                {
                    i = new
                    {
                        title = "Over tus",
                        fileName = "clip.mp4",
                        contentType = "video/mp4",
                        sizeBytes = bytes.Length,
                        protocol = "TUS",
                    },
                }
            )
        ).Ok()["createVideoUpload"]!;
        var videoId = created["video"]!["id"]!.GetValue<string>();
        Assert.Equal("TUS", created["upload"]!["protocol"]!.GetValue<string>());
        Assert.Empty(created["upload"]!["parts"]!.AsArray());
        var tusUrl = created["upload"]!["tusUrl"]!.GetValue<string>();

        var tus = new TusClient(client.Http, client.AccessToken);
        using var posted = await tus.CreateAsync(
            bytes.Length,
            TusClient.Metadata(("videoId", videoId), ("filename", "clip.mp4"))
        );
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(new Uri(tusUrl).AbsolutePath, posted.Headers.Location!.ToString());
        Assert.Equal(videoId, TusClient.Header(posted, "StreamEngine-Video-Id"));
        Assert.Equal("1.0.0", TusClient.Header(posted, "Tus-Resumable"));
        Assert.NotEmpty(TusClient.Header(posted, "Upload-Expires"));

        var half = bytes.Length / 2;
        using var first = await tus.PatchAsync(tusUrl, 0, bytes[..half]);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(half, TusClient.Offset(first));
        using var head = await tus.HeadAsync(tusUrl);
        Assert.Equal(half, TusClient.Offset(head));
        Assert.Equal(
            bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TusClient.Header(head, "Upload-Length")
        );
        Assert.Equal("no-store", head.Headers.CacheControl!.ToString());
        Assert.Equal("AWAITING_UPLOAD", (await client.VideoAsync(videoId))!["status"]!.GetValue<string>());

        using var last = await tus.PatchAsync(tusUrl, half, bytes[half..]);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Equal(bytes.Length, TusClient.Offset(last));

        var video = await client.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(2));
        Assert.True(video["status"]!.GetValue<string>() == "READY", video.ToJsonString());
        Assert.Equal(SourceRecordingApp.Sha256(clip), _app.SourceHashes[TestIds.Key(videoId)]);
        using var done = await tus.HeadAsync(tusUrl);
        Assert.Equal(bytes.Length, TusClient.Offset(done));
    }

    [Fact]
    public async Task Creation_with_upload_takes_the_whole_file_in_the_post_and_the_title_from_the_metadata()
    {
        var client = _app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("tuspost")).AccessToken;
        var bytes = await File.ReadAllBytesAsync(TestMedia.Clip720(_files.Path, seconds: 2));
        var tus = new TusClient(client.Http, client.AccessToken);

        using var posted = await tus.CreateAsync(
            bytes.Length,
            TusClient.Metadata(("filename", "holiday.mp4"), ("filetype", "video/mp4"), ("title", "Holiday")),
            bytes
        );

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(bytes.Length, TusClient.Offset(posted));
        var videoId = TusClient.Header(posted, "StreamEngine-Video-Id");
        var video = await client.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(2));
        Assert.Equal("READY", video["status"]!.GetValue<string>());
        Assert.Equal("Holiday", video["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hostile_requests_are_refused_with_tus_status_codes_and_change_nothing()
    {
        var client = _app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("tusowner")).AccessToken;
        var other = _app.CreateGraphQLClient();
        var otherTus = new TusClient(other.Http, (await other.SignUpAsync("tusother")).AccessToken);
        var tus = new TusClient(client.Http, client.AccessToken);
        var metadata = TusClient.Metadata(("filename", "a.mp4"), ("filetype", "video/mp4"), ("title", "A"));

        using var created = await tus.CreateAsync(1000, metadata);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        using var stored = await tus.PatchAsync(url, 0, new byte[100]);
        Assert.Equal(100, TusClient.Offset(stored));

        var refusals = new List<(string Case, HttpStatusCode Status)>();
        async Task Expect(string name, Task<HttpResponseMessage> request)
        {
            using var response = await request;
            refusals.Add((name, response.StatusCode));
        }

        await Expect("wrong offset", tus.PatchAsync(url, 50, new byte[10]));
        await Expect("past the end", tus.PatchAsync(url, 100, new byte[901]));
        await Expect("wrong content type", tus.PatchAsync(url, 100, new byte[10], "application/octet-stream"));
        await Expect("other account's HEAD", otherTus.HeadAsync(url));
        await Expect("other account's PATCH", otherTus.PatchAsync(url, 100, new byte[10]));
        await Expect("other account's DELETE", otherTus.DeleteAsync(url));
        await Expect("over the maximum size", tus.CreateAsync(104857601, metadata));
        await Expect("malformed metadata", tus.CreateAsync(1000, "title !!!"));
        await Expect("no token", new TusClient(client.Http, null).CreateAsync(1000, metadata));
        await Expect("unknown upload", tus.HeadAsync($"{TusClient.Endpoint}/{Guid.NewGuid():N}"));
        await Expect("another version", tus.SendAsync(HttpMethod.Head, url, null, _ => { }, version: "0.2.2"));

        Assert.Equal(
            [
                ("wrong offset", HttpStatusCode.Conflict),
                ("past the end", HttpStatusCode.RequestEntityTooLarge),
                ("wrong content type", HttpStatusCode.UnsupportedMediaType),
                ("other account's HEAD", HttpStatusCode.NotFound),
                ("other account's PATCH", HttpStatusCode.NotFound),
                ("other account's DELETE", HttpStatusCode.NotFound),
                ("over the maximum size", HttpStatusCode.RequestEntityTooLarge),
                ("malformed metadata", HttpStatusCode.BadRequest),
                ("no token", HttpStatusCode.Unauthorized),
                ("unknown upload", HttpStatusCode.NotFound),
                ("another version", HttpStatusCode.PreconditionFailed),
            ],
            refusals
        );
        using var head = await tus.HeadAsync(url);
        Assert.Equal(100, TusClient.Offset(head));

        using var deleted = await tus.DeleteAsync(url);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var afterDelete = await tus.HeadAsync(url);
        Assert.Contains(afterDelete.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Gone });
    }

    [Fact]
    public async Task An_expired_upload_is_gone_and_completeVideoUpload_refuses_a_tus_upload()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?> { ["StreamEngine:Videos:UploadLifetime"] = "00:00:30" }
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("tusexpiry")).AccessToken;
        var tus = new TusClient(client.Http, client.AccessToken);
        using var created = await tus.CreateAsync(1000, TusClient.Metadata(("filename", "a.mp4"), ("title", "A")));
        var url = created.Headers.Location!.ToString();
        var uploadId = TestIds.Of("UploadSession", Guid.Parse(url[(url.LastIndexOf('/') + 1)..]));

        var completed = await client.SendAsync(
            "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { errors { code } } }",
            new { i = new { uploadId, parts = Array.Empty<object>() } }
        );
        Assert.Equal(["WRONG_PROTOCOL"], completed.PayloadErrorCodes("completeVideoUpload"));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var head = await tus.HeadAsync(url);
        using var patch = await tus.PatchAsync(url, 0, new byte[10]);
        Assert.Contains(head.StatusCode, new[] { HttpStatusCode.Gone, HttpStatusCode.NotFound });
        Assert.Contains(patch.StatusCode, new[] { HttpStatusCode.Gone, HttpStatusCode.NotFound });
    }
}
