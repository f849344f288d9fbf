using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Pipelines.Aws;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>AWS services cannot be reached here: these tests check our requests against the documented protocols,
/// byte for byte, with local stand-ins that answer in the documented shapes. Contract-tested only.</summary>
public sealed class StepFunctionsContractTests : IAsyncLifetime
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private readonly ConcurrentQueue<(
        string Target,
        string Authorization,
        string Date,
        string ContentType,
        string Host,
        string Body
    )> _received = new();
    private WebApplication _stub = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _stub = builder.Build();
        _stub.MapPost(
            "/",
            async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var target = context.Request.Headers["X-Amz-Target"].ToString();
                _received.Enqueue(
                    (
                        target,
                        context.Request.Headers.Authorization.ToString(),
                        context.Request.Headers["X-Amz-Date"].ToString(),
                        context.Request.ContentType ?? string.Empty,
                        context.Request.Host.Value ?? string.Empty,
                        body
                    )
                );
                using var json = JsonDocument.Parse(body);
                if (
                    target == "AWSStepFunctions.StartExecution"
                    && json.RootElement.GetProperty("name").GetString() == "exists"
                )
                {
                    context.Response.StatusCode = 400;
                    return Results.Text(
                        "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists: "
                            + "'arn:aws:states:us-east-1:123456789012:execution:transcode:exists'\"}",
                        "application/x-amz-json-1.0"
                    );
                }

                if (target == "AWSStepFunctions.DescribeExecution")
                {
                    var arn = json.RootElement.GetProperty("executionArn").GetString()!;
                    context.Response.StatusCode = arn.EndsWith(":missing", StringComparison.Ordinal) ? 400 : 200;
                    return Results.Text(
                        context.Response.StatusCode == 400
                            ? "{\"__type\":\"com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist\",\"message\":"
                                + "\"Execution Does Not Exist\"}"
                            : "{\"executionArn\":\""
                                + arn
                                + "\",\"status\":\"FAILED\",\"startDate\":1.795608e9,"
                                + "\"stopDate\":1.795609e9,\"error\":\"States.TaskFailed\",\"cause\":\"exit 1\"}",
                        "application/x-amz-json-1.0"
                    );
                }

                return target == "AWSStepFunctions.StartExecution"
                    ? Results.Text(
                        "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:transcode:"
                            + json.RootElement.GetProperty("name").GetString()
                            + "\",\"startDate\":1.795608e9}",
                        "application/x-amz-json-1.0"
                    )
                    : Results.Text("{\"stopDate\":1.795608e9}", "application/x-amz-json-1.0");
            }
        );
        await _stub.StartAsync();
        _url = new Uri(
            _stub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                + "/"
        );
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private StepFunctionsClient Client(TestClock clock) =>
        new(
            new HttpClient(),
            Options.Create(
                new StepFunctionsOptions
                {
                    Region = "us-east-1",
                    StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:transcode",
                    ServiceUrl = _url,
                    AccessKeyId = AccessKey,
                    SecretAccessKey = SecretKey,
                }
            ),
            clock
        );

    [Fact]
    public async Task StartExecution_sends_the_documented_json_request_with_a_valid_sigv4_signature()
    {
        var clock = new TestClock();
        var videoId = Guid.NewGuid().ToString("N");

        var arn = await Client(clock).StartExecutionAsync(videoId, "{\"videoId\":\"" + videoId + "\"}", default);

        Assert.EndsWith(":execution:transcode:" + videoId, arn, StringComparison.Ordinal);
        var request = Assert.Single(_received);
        Assert.Equal("AWSStepFunctions.StartExecution", request.Target);
        Assert.Equal("application/x-amz-json-1.0", request.ContentType);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(
            "arn:aws:states:us-east-1:123456789012:stateMachine:transcode",
            body.RootElement.GetProperty("stateMachineArn").GetString()
        );
        Assert.Equal(videoId, body.RootElement.GetProperty("name").GetString());
        Assert.Equal(
            videoId,
            JsonDocument
                .Parse(body.RootElement.GetProperty("input").GetString()!)
                .RootElement.GetProperty("videoId")
                .GetString()
        );

        // Recompute SigV4 independently of AWSSDK.Core and compare.
        var date = request.Date[..8];
        Assert.StartsWith(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/{date}/us-east-1/states/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=",
            request.Authorization,
            StringComparison.Ordinal
        );
        var canonical =
            "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:"
            + request.Host
            + "\nx-amz-date:"
            + request.Date
            + "\nx-amz-target:AWSStepFunctions.StartExecution\n\ncontent-type;host;x-amz-date;x-amz-target\n"
            + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        var toSign =
            $"AWS4-HMAC-SHA256\n{request.Date}\n{date}/us-east-1/states/aws4_request\n"
            + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var key = Hmac(
            Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + SecretKey), date), "us-east-1"), "states"),
            "aws4_request"
        );
        Assert.EndsWith(
            "Signature=" + Convert.ToHexStringLower(Hmac(key, toSign)),
            request.Authorization,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Starting_an_execution_that_exists_is_idempotent_and_stop_names_the_execution()
    {
        var client = Client(new TestClock());

        var existing = await client.StartExecutionAsync("exists", "{}", default);
        await client.StopExecutionAsync(
            "arn:aws:states:us-east-1:123456789012:execution:transcode:abc",
            "video deleted",
            default
        );

        Assert.Null(existing);
        var stop = _received.Last();
        Assert.Equal("AWSStepFunctions.StopExecution", stop.Target);
        Assert.Contains("\"cause\":\"video deleted\"", stop.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeExecution_reads_the_status_and_error_and_a_missing_execution_is_null()
    {
        var client = Client(new TestClock());
        const string arn = "arn:aws:states:us-east-1:123456789012:execution:transcode:";

        var ended = await client.DescribeExecutionAsync(arn + "abc", default);
        var missing = await client.DescribeExecutionAsync(arn + "missing", default);

        Assert.Equal(new ExecutionState("FAILED", "States.TaskFailed", "exit 1"), ended);
        Assert.Null(missing);
        var request = _received.First();
        Assert.Equal("AWSStepFunctions.DescribeExecution", request.Target);
        Assert.Equal("{\"executionArn\":\"" + arn + "abc\"}", request.Body);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}

public sealed class CloudFrontSignerTests
{
    [Fact]
    public void Signed_urls_and_cookies_carry_a_custom_policy_over_the_video_prefix_that_the_public_key_verifies()
    {
        using var rsa = RSA.Create(2048);
        var signer = new CloudFrontSigner(
            Options.Create(
                new CloudFrontOptions
                {
                    Domain = new Uri("https://d111111abcdef8.cloudfront.net"),
                    KeyPairId = "K2JCJMDEHXQW5F",
                    PrivateKeyPem = rsa.ExportRSAPrivateKeyPem(),
                    UrlLifetime = TimeSpan.FromHours(1),
                }
            )
        );
        var videoId = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        var playback = signer.Sign(videoId, now, PlaybackAudience.Public);
        var cookies = signer.SignedCookies(videoId, now);

        var query = playback
            .HlsUrl.Query.TrimStart('?')
            .Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.StartsWith(
            $"https://d111111abcdef8.cloudfront.net/{videoId:N}/master.m3u8?",
            playback.HlsUrl.ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal("K2JCJMDEHXQW5F", query["Key-Pair-Id"]);
        var policy = FromCloudFrontBase64(query["Policy"]);
        var expires = now.AddHours(1).ToUnixTimeSeconds();
        Assert.Equal(
            $"{{\"Statement\":[{{\"Resource\":\"https://d111111abcdef8.cloudfront.net/{videoId:N}/*\","
                + "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
                + expires.ToString(CultureInfo.InvariantCulture)
                + "}}}]}",
            Encoding.UTF8.GetString(policy)
        );
        Assert.True(
            rsa.VerifyData(
                policy,
                FromCloudFrontBase64(query["Signature"]),
                HashAlgorithmName.SHA1,
                RSASignaturePadding.Pkcs1
            )
        );
        Assert.Equal(query["Policy"], cookies["CloudFront-Policy"]);
        Assert.Equal(query["Signature"], cookies["CloudFront-Signature"]);
        Assert.DoesNotContain('+', query["Signature"]);
        Assert.DoesNotContain('/', query["Signature"]);
        Assert.DoesNotContain('=', query["Signature"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expires), playback.ExpiresAt);
    }

    private static byte[] FromCloudFrontBase64(string value) =>
        Convert.FromBase64String(value.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
}
