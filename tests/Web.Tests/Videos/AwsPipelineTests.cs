using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using StreamEngine.TestSupport;
using StreamEngine.TranscoderTask;
using StreamEngine.Web.Endpoints;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The same product on the AWS adapters, chosen by configuration alone: S3 storage against a real
/// S3-compatible server (s3rver), the transcoder task against it, and Step Functions, SQS and CloudFront through
/// their documented protocols (local stand-ins; contract-tested only).</summary>
public sealed partial class AwsPipelineTests : IAsyncLifetime
{
    private const string Secret = "callback-secret-for-tests";
    private readonly string _raw = "raw-" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _production = "prod-" + Guid.NewGuid().ToString("N")[..10];
    private readonly TempDirectory _files = new();
    private AwsStubs _aws = null!;
    private AmazonS3Client _s3 = null!;
    private StreamEngineApp _app = null!;
    private GraphQLClient _client = null!;
    private string _s3Url = null!;

    public async Task InitializeAsync()
    {
        _s3Url = TestEnvironment.Require(TestEnvironment.S3);
        _aws = await AwsStubs.StartAsync();
        _s3 = new AmazonS3Client(
            new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config
            {
                ServiceURL = _s3Url,
                ForcePathStyle = true,
                UseHttp = true,
                AuthenticationRegion = "us-east-1",
            }
        );
        await _s3.PutBucketAsync(_raw);
        await _s3.PutBucketAsync(_production);
        using var rsa = RSA.Create(2048);
        _app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:PublicBaseUrl"] = "http://localhost",
                ["StreamEngine:Storage:Provider"] = "S3",
                ["StreamEngine:S3:RawBucket"] = _raw,
                ["StreamEngine:S3:ProductionBucket"] = _production,
                ["StreamEngine:S3:ServiceUrl"] = _s3Url,
                ["StreamEngine:S3:ForcePathStyle"] = "true",
                ["StreamEngine:S3:AccessKeyId"] = "S3RVER",
                ["StreamEngine:S3:SecretAccessKey"] = "S3RVER",
                ["StreamEngine:Pipeline:Provider"] = "Aws",
                ["StreamEngine:Pipeline:CallbackSecret"] = Secret,
                ["StreamEngine:StepFunctions:StateMachineArn"] =
                    "arn:aws:states:us-east-1:123456789012:stateMachine:transcode",
                ["StreamEngine:StepFunctions:ServiceUrl"] = _aws.Url.ToString(),
                ["StreamEngine:StepFunctions:AccessKeyId"] = "AKIDEXAMPLE",
                ["StreamEngine:StepFunctions:SecretAccessKey"] = "secret",
                ["StreamEngine:Sqs:StatusQueueUrl"] = "https://sqs.us-east-1.amazonaws.com/123456789012/status",
                ["StreamEngine:Sqs:ServiceUrl"] = _aws.Url.ToString(),
                ["StreamEngine:Sqs:AccessKeyId"] = "AKIDEXAMPLE",
                ["StreamEngine:Sqs:SecretAccessKey"] = "secret",
                ["StreamEngine:Delivery:Provider"] = "CloudFront",
                ["StreamEngine:CloudFront:Domain"] = "https://d111111abcdef8.cloudfront.net",
                ["StreamEngine:CloudFront:KeyPairId"] = "K2JCJMDEHXQW5F",
                ["StreamEngine:CloudFront:PrivateKeyPem"] = rsa.ExportRSAPrivateKeyPem(),
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300",
                ["StreamEngine:Pipeline:StartRetryDelay"] = "00:00:00.200",
                ["StreamEngine:Pipeline:MaxStartAttempts"] = "4",
                ["StreamEngine:Pipeline:ReconcileAfter"] = "00:00:02",
                ["StreamEngine:Pipeline:ReconcileInterval"] = "00:00:00.500",
            }
        );
        _client = _app.CreateGraphQLClient();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _aws.DisposeAsync();
        _s3.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task S3_step_functions_transcoder_task_and_sqs_status_reach_ready_seen_by_the_subscription()
    {
        var user = await _client.SignUpAsync("aws");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 5);
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        var upload = created["upload"]!;
        var videoId = upload["video"]!["id"]!.GetValue<string>();
        Assert.StartsWith(_s3Url, upload["parts"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        using var network = new HttpClient();
        var etags = await _client.PutPartsAsync(upload, clip, network);

        await using var socket = await RawSocket.ConnectAsync(_app, "graphql-transport-ws");
        await socket.SubscribeAsync(
            user.AccessToken,
            "subscription($id: ID!) { videoStatusChanged(videoId: $id) { status progress { stage percent } } }",
            new { id = videoId }
        );
        Assert.Equal(
            "AWAITING_UPLOAD",
            (await socket.ReceiveTypeAsync("next"))!["payload"]!["data"]!["videoStatusChanged"]![
                "status"
            ]!.GetValue<string>()
        );

        var completed = (await _client.CompleteAsync(upload["id"]!.GetValue<string>(), etags)).Ok()[
            "completeVideoUpload"
        ]!;
        Assert.Equal("PROCESSING", completed["video"]!["status"]!.GetValue<string>());
        var start = _aws.Requests.Single(r => r.Target == "AWSStepFunctions.StartExecution");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", start.Authorization, StringComparison.Ordinal);
        Assert.Equal(TestIds.Key(videoId).ToString("N"), start.Body.GetProperty("name").GetString());
        using var input = JsonDocument.Parse(start.Body.GetProperty("input").GetString()!);

        // What the state machine's ECS tasks do, with the real transcoder program: probe, renditions (reporting
        // progress to the status queue), master.
        foreach (var mode in new[] { "probe", "renditions", "master" })
        {
            var (exitCode, output) = await RunTranscoderTaskAsync(mode, input.RootElement);
            Assert.True(exitCode == 0, output);
        }

        _aws.Enqueue(
            JsonSerializer.Serialize(
                new
                {
                    videoId = input.RootElement.GetProperty("videoId").GetString(),
                    status = "READY",
                    sequence = 1000,
                }
            )
        );
        var video = await _client.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(1));
        var (statuses, stages) = await socket.ReceiveStatusesUntilAsync("videoStatusChanged", "READY");

        Assert.Equal("READY", video["status"]!.GetValue<string>());
        Assert.Equal(
            ["720p", "480p", "360p"],
            video["renditions"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())
        );
        Assert.StartsWith(
            $"https://d111111abcdef8.cloudfront.net/{TestIds.Key(videoId):N}/master.m3u8?Policy=",
            video["playback"]!["hlsUrl"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        Assert.Contains("PROCESSING", statuses);
        Assert.Contains("ENCODING", stages);
        Assert.NotEmpty(_aws.Sent);
        // The consumer deletes a message after applying it: READY can be seen a moment before its delete lands.
        await WaitAsync(() => _aws.DeletedReceipts.Count >= _aws.Sent.Count + 1);
        Assert.Equal(_aws.Sent.Count + 1, _aws.DeletedReceipts.Count);
        await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            _s3.GetObjectMetadataAsync(_raw, input.RootElement.GetProperty("rawKey").GetString())
        );
    }

    /// <summary>Runs the transcoder console program as the ECS task would, with the environment the task definition
    /// and the state machine's container overrides give it.</summary>
    private async Task<(int ExitCode, string Output)> RunTranscoderTaskAsync(string mode, JsonElement input)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StreamEngine.TranscoderTask.dll"));
        start.ArgumentList.Add("task");
        start.Environment[TaskEnvironment.Mode] = mode;
        start.Environment[TaskEnvironment.VideoId] = input.GetProperty("videoId").GetString();
        start.Environment[TaskEnvironment.RawBucket] = _raw;
        start.Environment[TaskEnvironment.RawKey] = input.GetProperty("rawKey").GetString();
        start.Environment[TaskEnvironment.ProductionBucket] = _production;
        start.Environment[TaskEnvironment.ProductionPrefix] = input.GetProperty("productionPrefix").GetString();
        start.Environment[TaskEnvironment.Region] = "us-east-1";
        start.Environment[TaskEnvironment.S3ServiceUrl] = _s3Url;
        start.Environment[TaskEnvironment.StatusQueueUrl] = "https://sqs.us-east-1.amazonaws.com/123456789012/status";
        start.Environment[TaskEnvironment.SqsServiceUrl] = _aws.Url.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private async Task<(string VideoId, string Token)> ProcessingVideoAsync()
    {
        var user = await _client.SignUpAsync("awsstatus");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            Guid.NewGuid().ToString("N") + ".mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -preset ultrafast"
        );
        using var network = new HttpClient();
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        var etags = await _client.PutPartsAsync(created["upload"]!, clip, network);
        var completed = (await _client.CompleteAsync(created["upload"]!["id"]!.GetValue<string>(), etags)).Ok()[
            "completeVideoUpload"
        ]!;
        Assert.Equal("PROCESSING", completed["video"]!["status"]!.GetValue<string>());
        return (completed["video"]!["id"]!.GetValue<string>(), user.AccessToken);
    }

    private async Task<RawSocket> SubscribeAsync(string videoId)
    {
        var socket = await RawSocket.ConnectAsync(_app, "graphql-transport-ws");
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + _client.AccessToken } }
        );
        await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new
                {
                    query = "subscription($id: ID!) { videoStatusChanged(videoId: $id) { status } }",
                    variables = new { id = videoId },
                },
            }
        );
        await socket.ReceiveTypeAsync("next");
        return socket;
    }

    private async Task<System.Net.HttpStatusCode> CallbackAsync(string body, long timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pipeline/status")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(
            PipelineCallbackEndpoints.TimestampHeader,
            timestamp.ToString(CultureInfo.InvariantCulture)
        );
        request.Headers.Add(PipelineCallbackEndpoints.SignatureHeader, signature);
        using var response = await _client.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Status(
        string videoId,
        string status,
        string? stage = null,
        double? percent = null,
        string? failureReason = null
    ) =>
        JsonSerializer.Serialize(
            new
            {
                videoId = TestIds.Key(videoId).ToString(),
                status,
                stage,
                percent,
                failureReason,
            }
        );

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the status queue to be drained.");
            await Task.Delay(100);
        }
    }
}
