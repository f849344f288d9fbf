using System.Globalization;
using System.Net;
using System.Text;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The same product with Cloudinary as the pipeline, chosen by configuration alone. Cloudinary cannot be
/// reached here: a local stand-in checks every request's signature and parameters and answers as documented, and the
/// test sends the eager notification Cloudinary would. Contract-tested only.</summary>
public sealed class CloudinaryPipelineTests : IAsyncLifetime
{
    private const string PublicBase = "https://videos.example.test";
    private readonly TempDirectory _files = new();
    private CloudinaryStub _cloudinary = null!;
    private StreamEngineApp _app = null!;
    private GraphQLClient _client = null!;

    public async Task InitializeAsync()
    {
        _cloudinary = await CloudinaryStub.StartAsync();
        await StartAppAsync([]);
    }

    private async Task StartAppAsync(Dictionary<string, string?> extra)
    {
        _app = StreamEngineApp.With(
            new Dictionary<string, string?>(extra)
            {
                ["StreamEngine:PublicBaseUrl"] = PublicBase,
                ["StreamEngine:Pipeline:Provider"] = "Cloudinary",
                ["StreamEngine:Pipeline:RetryBackoff"] = "00:00:01",
                ["StreamEngine:Cloudinary:CloudName"] = CloudinaryStub.CloudName,
                ["StreamEngine:Cloudinary:ApiKey"] = CloudinaryStub.ApiKey,
                ["StreamEngine:Cloudinary:ApiSecret"] = CloudinaryStub.ApiSecret,
                ["StreamEngine:Cloudinary:ApiBaseUrl"] = _cloudinary.Url.ToString(),
                ["StreamEngine:Cloudinary:SignedDelivery"] = "true",
            }
        );
        _client = _app.CreateGraphQLClient();
        var user = await _client.SignUpAsync("cloudy");
        _client.AccessToken = user.AccessToken;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cloudinary.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Upload_goes_to_cloudinary_with_eager_hls_and_the_notification_makes_it_ready_for_subscribers()
    {
        var clip = TestMedia.Clip720(_files.Path, seconds: 3);
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        var upload = created["upload"]!;
        var videoId = upload["video"]!["id"]!.GetValue<string>();
        var publicId = $"streamengine/videos/{TestIds.Key(videoId):N}";
        var etags = await _client.PutPartsAsync(upload, clip);
        await using var socket = await RawSocket.ConnectAsync(_app, "graphql-transport-ws");
        await socket.SubscribeAsync(
            _client.AccessToken,
            "subscription($id: ID!) { videoStatusChanged(videoId: $id) { status progress { stage percent } } }",
            new { id = videoId }
        );
        await socket.ReceiveTypeAsync("next");

        var completed = (await _client.CompleteAsync(upload["id"]!.GetValue<string>(), etags)).Ok()[
            "completeVideoUpload"
        ]!;
        Assert.Equal("PROCESSING", completed["video"]!["status"]!.GetValue<string>());
        await WaitAsync(() => _cloudinary.Assets.ContainsKey(publicId));
        var sent = _cloudinary.Requests.Single(r => r.Action == "upload");
        Assert.Equal("sp_auto/m3u8", sent.Fields["eager"]);
        Assert.Equal("true", sent.Fields["eager_async"]);
        Assert.Equal("authenticated", sent.Fields["type"]);
        Assert.Equal(PublicBase + "/pipeline/cloudinary", sent.Fields["notification_url"]);
        Assert.Equal(await File.ReadAllBytesAsync(clip), _cloudinary.Assets[publicId]);
        await WaitAsync(async () =>
            (await _client.VideoAsync(videoId))!["progress"]?["stage"]?.GetValue<string>() == "ENCODING"
        );

        var notification = CloudinaryStub.EagerNotification(publicId, "sp_auto/m3u8");
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(notification));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(notification));
        var video = (await _client.VideoAsync(videoId))!;

        Assert.Equal("READY", video["status"]!.GetValue<string>());
        Assert.Equal(["auto"], video["renditions"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        var hls = video["playback"]!["hlsUrl"]!.GetValue<string>();
        var signature = Cloudinary.SignDelivery($"sp_auto/{publicId}.m3u8");
        Assert.Equal(
            $"https://res.cloudinary.com/{CloudinaryStub.CloudName}/video/authenticated/"
                + $"{signature}/sp_auto/{publicId}.m3u8",
            hls
        );
        Assert.Empty(Directory.GetFiles(Path.Combine(_app.DataDirectory), "source*", SearchOption.AllDirectories));

        var (statuses, stages) = await socket.ReceiveStatusesUntilAsync("videoStatusChanged", "READY");

        Assert.Contains("UPLOADING", stages);
        Assert.Contains("ENCODING", stages);
        Assert.Null(
            await socket
                .ReceiveAsync(TimeSpan.FromMilliseconds(500))
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null)
        );
    }

    [Fact]
    public async Task Forged_stale_and_foreign_notifications_change_nothing_and_a_failure_report_fails_the_video()
    {
        var (videoId, publicId) = await ProcessingVideoAsync();
        var failed = $$"""
            {"notification_type":"eager","public_id":"{{publicId}}",
            "eager":[{"transformation":"sp_auto/m3u8","status":"failed","reason":"Video is too long"}]}
            """;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var forged = await NotifyAsync(failed, now, "0123456789abcdef0123456789abcdef01234567");
        var stale = await NotifyAsync(failed, now - 3600, _cloudinary.SignNotification(failed, now - 3600));
        var unsigned = await NotifyAsync(failed, now, "");
        var tampered = await NotifyAsync(
            failed.Replace("too long", "fine", StringComparison.Ordinal),
            now,
            _cloudinary.SignNotification(failed, now)
        );
        var foreign = await NotifyAsync(CloudinaryStub.EagerNotification("someone-else/asset", "sp_auto/m3u8"));
        var unchanged = (await _client.VideoAsync(videoId))!["status"]!.GetValue<string>();
        var applied = await NotifyAsync(failed);
        var video = (await _client.VideoAsync(videoId))!;

        Assert.Equal(
            [
                HttpStatusCode.Unauthorized,
                HttpStatusCode.Unauthorized,
                HttpStatusCode.Unauthorized,
                HttpStatusCode.Unauthorized,
            ],
            new[] { forged, stale, unsigned, tampered }
        );
        Assert.Equal(HttpStatusCode.OK, foreign);
        Assert.Equal("PROCESSING", unchanged);
        Assert.Equal(HttpStatusCode.OK, applied);
        Assert.Equal("FAILED", video["status"]!.GetValue<string>());
        Assert.Equal("Cloudinary: Video is too long", video["failureReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Throttling_is_retried_and_deleting_the_video_destroys_its_asset()
    {
        _cloudinary.Failures.Enqueue((420, "Rate Limit Exceeded"));
        var (videoId, publicId) = await ProcessingVideoAsync();
        Assert.Equal(2, _cloudinary.Requests.Count(r => r.Action == "upload"));

        var deleted = await _client.SendAsync(
            "mutation($id: ID!) { deleteVideo(input: { videoId: $id }) { errors { code } } }",
            new { id = videoId }
        );

        Assert.Empty(deleted.PayloadErrorCodes("deleteVideo"));
        var destroy = _cloudinary.Requests.Single(r => r.Action == "destroy");
        Assert.Equal(publicId, destroy.Fields["public_id"]);
        Assert.Equal(_cloudinary.SignParameters(destroy.Fields), destroy.Fields["signature"]);
        Assert.Empty(_cloudinary.Assets);
    }

    [Fact]
    public async Task Without_a_notification_a_made_hls_is_applied_a_lost_asset_uploaded_again_a_stalled_one_failed()
    {
        await _app.DisposeAsync();
        await StartAppAsync(
            new()
            {
                ["StreamEngine:Pipeline:ReconcileAfter"] = "00:00:01",
                ["StreamEngine:Pipeline:ReconcileInterval"] = "00:00:00.300",
                ["StreamEngine:Pipeline:MaxRemoteProcessingTime"] = "00:00:08",
            }
        );
        var (made, madeAsset) = await ProcessingVideoAsync();
        var (_, lostAsset) = await ProcessingVideoAsync();
        var (stalled, _) = await ProcessingVideoAsync();

        // No notification comes for any of them: Cloudinary made one's HLS, lost another's asset, and the third's
        // transformation never ends.
        _cloudinary.Derived[madeAsset] = "sp_auto/m3u8";
        Assert.True(_cloudinary.Assets.TryRemove(lostAsset, out _));
        var ready = await _client.WaitUntilSettledAsync(made, TimeSpan.FromSeconds(30));
        await WaitAsync(() => _cloudinary.Assets.ContainsKey(lostAsset));
        var failed = await _client.WaitUntilSettledAsync(stalled, TimeSpan.FromSeconds(30));

        Assert.Equal("READY", ready["status"]!.GetValue<string>());
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.StartsWith(
            "Cloudinary did not finish the HLS transformation in time",
            failed["failureReason"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        var lookup = _cloudinary.Requests.First(r => r.Action == "resource");
        Assert.Equal("authenticated", lookup.Fields["type"]);
    }

    [Fact]
    public async Task A_refused_upload_fails_the_video_with_cloudinarys_reason()
    {
        _cloudinary.Failures.Enqueue((400, "Unsupported video format or file"));
        var clip = TestMedia.MakeClip(
            _files.Path,
            "refused.mp4",
            "-f lavfi -i testsrc2=size=320x240:rate=25 -t 1 -c:v libx264 -preset ultrafast"
        );
        var video = await _client.UploadAsync(clip);
        var settled = await _client.WaitUntilSettledAsync(video["id"]!.GetValue<string>(), TimeSpan.FromSeconds(30));

        Assert.Equal("FAILED", settled["status"]!.GetValue<string>());
        Assert.Equal(
            "Cloudinary refused the video: Unsupported video format or file",
            settled["failureReason"]!.GetValue<string>()
        );
    }

    private async Task<(string VideoId, string PublicId)> ProcessingVideoAsync()
    {
        var clip = TestMedia.MakeClip(
            _files.Path,
            Guid.NewGuid().ToString("N") + ".mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -preset ultrafast"
        );
        var video = await _client.UploadAsync(clip);
        var videoId = video["id"]!.GetValue<string>();
        var publicId = $"streamengine/videos/{TestIds.Key(videoId):N}";
        await WaitAsync(() => _cloudinary.Assets.ContainsKey(publicId));

        // The upload job is over only once it has checked that the video was not deleted while it uploaded (then it
        // destroys the asset itself): a test that deletes the video waits for that, or both would destroy it.
        var handedOver = $"Video {TestIds.Key(videoId)} is with Cloudinary";
        await WaitAsync(() => _app.Logs.Lines.Any(l => l.Contains(handedOver, StringComparison.Ordinal)));
        return (videoId, publicId);
    }

    private Task<HttpStatusCode> NotifyAsync(string body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return NotifyAsync(body, now, _cloudinary.SignNotification(body, now));
    }

    private async Task<HttpStatusCode> NotifyAsync(string body, long timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pipeline/cloudinary")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Cld-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Cld-Signature", signature);
        using var response = await _client.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static Task WaitAsync(Func<bool> condition) => WaitAsync(() => Task.FromResult(condition()));

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the Cloudinary hand-over.");
            await Task.Delay(100);
        }
    }

    /// <summary>Cloudinary's delivery signature, computed here from its documented recipe.</summary>
    private static class Cloudinary
    {
        public static string SignDelivery(string toSign)
        {
#pragma warning disable CA5350 // Cloudinary's default digest.
            var digest = Convert.ToBase64String(
                System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(toSign + CloudinaryStub.ApiSecret))
            );
#pragma warning restore CA5350
            return "s--" + digest.Replace('+', '-').Replace('/', '_')[..8] + "--";
        }
    }
}
