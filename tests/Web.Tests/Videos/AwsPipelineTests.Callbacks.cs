using System.Text.Json;
using Amazon.S3.Model;
using StreamEngine.TestSupport;
using StreamEngine.Transcoder;
using StreamEngine.TranscoderTask;
using StreamEngine.Web.Endpoints;

namespace StreamEngine.Web.Tests.Videos;

public sealed partial class AwsPipelineTests
{
    [Fact]
    public async Task Duplicate_and_out_of_order_status_messages_change_nothing_after_ready()
    {
        var (videoId, _) = await ProcessingVideoAsync();
        await _s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _production,
                Key = $"{TestIds.Key(videoId):N}/360p/{S3TaskRunner.RenditionManifest}",
                ContentBody = JsonSerializer.Serialize(
                    new RenditionOutput("360p", 640, 360, 900_000, 800_000, "avc1.64001e", 2, 25)
                ),
                UseChunkEncoding = false,
            }
        );
        var events = new List<string>();
        await using var subscription = await SubscribeAsync(videoId);

        _aws.Enqueue(Status(videoId, "PROCESSING", "ENCODING", 40));
        _aws.Enqueue(Status(videoId, "READY"));
        _aws.Enqueue(Status(videoId, "READY"));
        _aws.Enqueue(Status(videoId, "PROCESSING", "ENCODING", 90));
        _aws.Enqueue(Status(videoId, "FAILED"));
        await WaitAsync(() => _aws.DeletedReceipts.Count >= 5);
        await Task.Delay(300);
        while (
            await subscription
                .ReceiveAsync(TimeSpan.FromMilliseconds(500))
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null)
                is { } message
        )
        {
            if (message["type"]?.GetValue<string>() == "next")
            {
                events.Add(message["payload"]!["data"]!["videoStatusChanged"]!["status"]!.GetValue<string>());
            }
        }

        var video = await _client.VideoAsync(videoId);
        Assert.Equal("READY", video!["status"]!.GetValue<string>());
        Assert.Equal(1, events.Count(e => e == "READY"));
        Assert.DoesNotContain("FAILED", events);
        Assert.Equal(["360p"], video["renditions"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_signed_callback_refuses_forged_and_stale_calls_and_applies_a_valid_one()
    {
        var (videoId, _) = await ProcessingVideoAsync();
        var body = Status(videoId, "FAILED", failureReason: "The ECS task ran out of memory.");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var forged = await CallbackAsync(body, now, PipelineCallbackEndpoints.Sign("wrong-secret", now, body));
        var stale = await CallbackAsync(body, now - 600, PipelineCallbackEndpoints.Sign(Secret, now - 600, body));
        var unchanged = (await _client.VideoAsync(videoId))!["status"]!.GetValue<string>();
        var valid = await CallbackAsync(body, now, PipelineCallbackEndpoints.Sign(Secret, now, body));
        var video = await _client.VideoAsync(videoId);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, stale);
        Assert.Equal("PROCESSING", unchanged);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, valid);
        Assert.Equal("FAILED", video!["status"]!.GetValue<string>());
        Assert.Equal("The ECS task ran out of memory.", video["failureReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readiness_checks_the_s3_buckets()
    {
        using var ready = await _client.Http.GetAsync("/health/ready");

        Assert.Contains(
            "\"s3\":{\"status\":\"Healthy\"",
            await ready.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Deleting_a_video_mid_flight_stops_its_execution()
    {
        var (videoId, _) = await ProcessingVideoAsync();

        var deleted = await _client.SendAsync(
            "mutation($id: ID!) { deleteVideo(input: { videoId: $id }) { errors { code } } }",
            new { id = videoId }
        );

        Assert.Empty(deleted.PayloadErrorCodes("deleteVideo"));
        var stop = _aws.Requests.Single(r => r.Target == "AWSStepFunctions.StopExecution");
        Assert.Equal(
            $"arn:aws:states:us-east-1:123456789012:execution:transcode:{TestIds.Key(videoId):N}",
            stop.Body.GetProperty("executionArn").GetString()
        );
    }
}
