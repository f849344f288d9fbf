using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.Pipelines.Cloudinary;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>Cloudinary cannot be reached here: our client is checked against a local stand-in that verifies each
/// request's signature and parameters as Cloudinary documents them. Contract-tested only.</summary>
public sealed class CloudinaryContractTests : IAsyncLifetime
{
    private CloudinaryStub _stub = null!;

    public async Task InitializeAsync() => _stub = await CloudinaryStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private static CloudinaryClient Client(
        CloudinaryStub stub,
        CloudinarySignatureAlgorithm algorithm = CloudinarySignatureAlgorithm.Sha1,
        int chunk = CloudinaryOptions.MinChunkBytes
    ) =>
        new(
            new HttpClient(),
            Options.Create(
                new CloudinaryOptions
                {
                    CloudName = CloudinaryStub.CloudName,
                    ApiKey = CloudinaryStub.ApiKey,
                    ApiSecret = CloudinaryStub.ApiSecret,
                    SignatureAlgorithm = algorithm,
                    ChunkSizeBytes = chunk,
                    ApiBaseUrl = stub.Url,
                }
            ),
            new TestClock()
        );

    [Fact]
    public void The_request_signature_matches_the_documented_example()
    {
        // cloudinary.com/documentation/signatures: these parameters with the secret "abcd".
        var signature = CloudinarySignature.SignRequest(
            new Dictionary<string, string>
            {
                ["timestamp"] = "1315060510",
                ["public_id"] = "sample_image",
                ["eager"] = "w_400,h_300,c_pad|w_260,h_200,c_crop",
                ["api_key"] = "1234",
                ["file"] = "x",
            },
            "abcd",
            CloudinarySignatureAlgorithm.Sha1
        );
        Assert.Equal("bfd09f95f331f558cbd1320e67aa8d488770583e", signature);
    }

    [Fact]
    public void Notification_and_delivery_signatures_follow_the_documented_recipes()
    {
        const string body = "{\"notification_type\":\"eager\"}";
#pragma warning disable CA5350 // Cloudinary's default digest.
        Assert.Equal(
            Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(body + "1368881627" + "secret"))),
            CloudinarySignature.SignNotification(body, 1368881627, "secret", CloudinarySignatureAlgorithm.Sha1)
        );
        var sha1 = Convert
            .ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes("sp_auto/v/a.m3u8secret")))
            .Replace('+', '-')
            .Replace('/', '_');
#pragma warning restore CA5350
        Assert.Equal(
            $"s--{sha1[..8]}--",
            CloudinarySignature.SignDelivery("sp_auto/v/a.m3u8", "secret", CloudinarySignatureAlgorithm.Sha1)
        );
        var sha256 = CloudinarySignature.SignDelivery(
            "sp_auto/v/a.m3u8",
            "secret",
            CloudinarySignatureAlgorithm.Sha256
        );
        Assert.Matches("^s--[A-Za-z0-9_-]{32}--$", sha256);
    }

    [Fact]
    public async Task A_large_file_goes_up_in_signed_chunks_with_one_upload_id_and_contiguous_ranges()
    {
        var data = RandomNumberGenerator.GetBytes((12 * 1024 * 1024) + 123);
        var progress = new List<double>();
        var answer = await Client(_stub)
            .UploadVideoAsync(
                new MemoryStream(data),
                data.Length,
                "streamengine/videos/abc",
                new Dictionary<string, string>
                {
                    ["eager"] = "sp_auto/m3u8",
                    ["eager_async"] = "true",
                    ["notification_url"] = "https://example.test/pipeline/cloudinary",
                },
                new SyncProgress(progress),
                CancellationToken.None
            );

        Assert.Equal("streamengine/videos/abc", answer.GetProperty("public_id").GetString());
        Assert.Equal("processing", answer.GetProperty("eager")[0].GetProperty("status").GetString());
        var requests = _stub.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers["X-Unique-Upload-Id"]).Distinct());
        Assert.Equal(
            ["bytes 0-5242879/12583035", "bytes 5242880-10485759/12583035", "bytes 10485760-12583034/12583035"],
            requests.Select(r => r.Headers["Content-Range"])
        );
        Assert.All(
            requests,
            r =>
            {
                Assert.Equal("sp_auto/m3u8", r.Fields["eager"]);
                Assert.Equal("true", r.Fields["eager_async"]);
                Assert.Equal("https://example.test/pipeline/cloudinary", r.Fields["notification_url"]);
                Assert.Equal(CloudinaryStub.ApiKey, r.Fields["api_key"]);
                Assert.Equal(_stub.SignParameters(r.Fields), r.Fields["signature"]);
            }
        );
        Assert.Equal(data, _stub.Assets["streamengine/videos/abc"]);
        Assert.Equal([41.67, 83.33, 100], progress.Select(p => Math.Round(p, 2)));
    }

    [Fact]
    public async Task Sha256_signatures_are_used_when_configured()
    {
        await using var stub = await CloudinaryStub.StartAsync(sha256: true);
        await Client(stub, CloudinarySignatureAlgorithm.Sha256)
            .UploadVideoAsync(
                new MemoryStream([1, 2, 3]),
                3,
                "streamengine/videos/small",
                new Dictionary<string, string>(),
                null,
                CancellationToken.None
            );
        Assert.Equal(64, stub.Requests.Single().Fields["signature"].Length);

        // A SHA-1 signature is refused by an account on SHA-256.
        var refused = await Assert.ThrowsAsync<CloudinaryException>(() =>
            Client(stub)
                .UploadVideoAsync(
                    new MemoryStream([1]),
                    1,
                    "x",
                    new Dictionary<string, string>(),
                    null,
                    CancellationToken.None
                )
        );
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.StartsWith("Invalid Signature", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.Transient);
    }

    [Theory]
    [InlineData(420, true)]
    [InlineData(500, true)]
    [InlineData(400, false)]
    public async Task Errors_carry_cloudinarys_message_and_whether_a_retry_may_help(int status, bool transient)
    {
        _stub.Failures.Enqueue((status, "Rate Limit Exceeded or similar"));
        var ex = await Assert.ThrowsAsync<CloudinaryException>(() =>
            Client(_stub)
                .UploadVideoAsync(
                    new MemoryStream([1]),
                    1,
                    "x",
                    new Dictionary<string, string>(),
                    null,
                    CancellationToken.None
                )
        );
        Assert.Equal("Rate Limit Exceeded or similar", ex.Message);
        Assert.Equal(transient, ex.Transient);
    }

    [Fact]
    public void The_expiring_token_is_cloudinarys_auth_token_for_one_video_computed_independently()
    {
        const string key = "00112233445566778899aabbccddeeff";
        var token = CloudinarySignature.AuthToken(key, 1_800_000_000, "/video/authenticated/*0123abcd*");

        const string signed = "exp=1800000000~acl=%2fvideo%2fauthenticated%2f*0123abcd*";
        var expected = Convert.ToHexStringLower(
            HMACSHA256.HashData(Convert.FromHexString(key), Encoding.UTF8.GetBytes(signed))
        );
        Assert.Equal($"__cld_token__={signed}~hmac={expected}", token);
    }

    [Fact]
    public void Playback_urls_are_authenticated_and_with_a_token_key_expire_with_the_playback_lifetime()
    {
        var videoId = Guid.NewGuid();
        var settings = new CloudinaryOptions
        {
            CloudName = "demo",
            ApiKey = "k",
            ApiSecret = "s",
            AuthTokenKey = "00112233445566778899aabbccddeeff",
        };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var lifetime = Options.Create(
            new Infrastructure.Delivery.DeliveryOptions { PlaybackUrlLifetime = TimeSpan.FromMinutes(10) }
        );

        var withToken = new CloudinaryPlayback(Options.Create(settings), lifetime).Sign(
            videoId,
            now,
            Application.Abstractions.PlaybackAudience.Public
        );
        settings.AuthTokenKey = null;
        var signedOnly = new CloudinaryPlayback(Options.Create(settings), lifetime).Sign(
            videoId,
            now,
            Application.Abstractions.PlaybackAudience.Public
        );

        var token = CloudinarySignature.AuthToken(
            "00112233445566778899aabbccddeeff",
            1_800_000_600,
            $"/video/authenticated/*{videoId:N}*"
        );
        Assert.Equal(
            $"https://res.cloudinary.com/demo/video/authenticated/sp_auto/streamengine/videos/{videoId:N}.m3u8?{token}",
            withToken.HlsUrl.ToString()
        );
        Assert.Equal(now.AddMinutes(10), withToken.ExpiresAt);
        Assert.StartsWith(
            "https://res.cloudinary.com/demo/video/authenticated/s--",
            signedOnly.HlsUrl.ToString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Destroy_is_signed_invalidates_and_tolerates_a_missing_asset()
    {
        var client = Client(_stub);
        await client.UploadVideoAsync(
            new MemoryStream([1, 2]),
            2,
            "streamengine/videos/gone",
            new Dictionary<string, string>(),
            null,
            CancellationToken.None
        );
        await client.DestroyVideoAsync("streamengine/videos/gone", CancellationToken.None);
        await client.DestroyVideoAsync("streamengine/videos/gone", CancellationToken.None);
        var destroys = _stub.Requests.Where(r => r.Action == "destroy").ToList();
        Assert.Equal(2, destroys.Count);
        Assert.All(destroys, d => Assert.Equal("true", d.Fields["invalidate"]));
        Assert.All(destroys, d => Assert.Equal("authenticated", d.Fields["type"]));
        Assert.Empty(_stub.Assets);
    }

    [Fact]
    public async Task An_unreachable_cloudinary_is_a_transient_failure()
    {
        var client = new CloudinaryClient(
            new HttpClient(),
            Options.Create(
                new CloudinaryOptions
                {
                    CloudName = "c",
                    ApiKey = "k",
                    ApiSecret = "s",
                    ApiBaseUrl = new Uri("http://127.0.0.1:9/"),
                }
            ),
            new TestClock()
        );
        var ex = await Assert.ThrowsAsync<CloudinaryException>(() =>
            client.DestroyVideoAsync("x", CancellationToken.None)
        );
        Assert.True(ex.Transient);
    }

    private sealed class SyncProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }
}
