using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>No video left PROCESSING for ever on the AWS pipeline: the start is owed in the commit that asks for it
/// (an outbox row) and made, once, now or later; an execution that ended without its status message reaching us is
/// found by DescribeExecution and applied.</summary>
public sealed partial class AwsPipelineTests
{
    [Fact]
    public async Task A_start_refused_by_step_functions_or_lost_to_a_crash_after_the_commit_is_made_later_once()
    {
        // Step Functions throttles the first two calls: the upload is still accepted (PROCESSING), and started.
        _aws.RefuseStarts = 2;
        var (refused, _) = await ProcessingVideoAsync();
        await WaitAsync(() => _aws.Executions.ContainsKey(Name(refused)));

        // The process dies right after committing PROCESSING: the commit alone, with no call to the pipeline.
        var created = await _client.CreateUploadAsync("crash.mp4", 1_000_000);
        var crashed = created["upload"]!["video"]!["id"]!.GetValue<string>();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var video = await db.Videos.SingleAsync(v => v.Id == TestIds.Key(crashed));
            video.MarkUploaded(1_000_000, 2, 640, 360, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await WaitAsync(() => _aws.Executions.ContainsKey(Name(crashed)));
        await Task.Delay(1000);

        Assert.Equal(3, StartsOf(refused));
        Assert.Equal(1, StartsOf(crashed));
        await using var check = _app.Services.CreateAsyncScope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<AppDbContext>().PipelineStarts.CountAsync());
        var metrics = await _client.Http.GetStringAsync("/metrics");
        Assert.True(PrometheusText.Value(metrics, "streamengine_pipeline_starts_total", "outcome=retried") >= 1);
    }

    [Fact]
    public async Task A_start_refused_every_time_ends_failed_with_the_reason_after_the_last_attempt()
    {
        _aws.RefuseStarts = 1000;
        var (videoId, _) = await ProcessingVideoAsync();

        var video = await _client.WaitUntilSettledAsync(videoId, TimeSpan.FromSeconds(30));

        Assert.Equal("FAILED", video["status"]!.GetValue<string>());
        Assert.Equal(4, StartsOf(videoId));
        Assert.Equal(
            "The transcoding pipeline could not be started after 4 attempts.",
            (await FailureReasonAsync(videoId))
        );
    }

    [Fact]
    public async Task Executions_that_ended_without_a_status_message_are_made_ready_failed_or_started_again()
    {
        var (succeeded, succeededOwner) = await ProcessingVideoAsync();
        var start = _aws.Requests.Single(r => IsStartOf(r, succeeded));
        using var input = JsonDocument.Parse(start.Body.GetProperty("input").GetString()!);
        foreach (var mode in new[] { "probe", "renditions", "master" })
        {
            var (exitCode, output) = await RunTranscoderTaskAsync(mode, input.RootElement);
            Assert.True(exitCode == 0, output);
        }

        var (failed, failedOwner) = await ProcessingVideoAsync();
        var (vanished, _) = await ProcessingVideoAsync();

        // The executions end; no status message is sent for any of them.
        _aws.Executions[Name(succeeded)] = "SUCCEEDED";
        _aws.Executions[Name(failed)] = "FAILED";
        _aws.Executions.TryRemove(Name(vanished), out _);
        _client.AccessToken = succeededOwner;
        var ready = await _client.WaitUntilSettledAsync(succeeded, TimeSpan.FromSeconds(60));
        _client.AccessToken = failedOwner;
        var failure = await _client.WaitUntilSettledAsync(failed, TimeSpan.FromSeconds(60));
        await WaitAsync(() => StartsOf(vanished) == 2);

        Assert.Equal("READY", ready["status"]!.GetValue<string>());
        Assert.NotEmpty(ready["renditions"]!.AsArray());
        Assert.Equal("FAILED", failure["status"]!.GetValue<string>());
        Assert.Equal("The pipeline's execution ended FAILED (States.TaskFailed).", await FailureReasonAsync(failed));
        Assert.Contains(_aws.Requests, r => r.Target == "AWSStepFunctions.DescribeExecution");

        // Operators see what the reconciler did.
        var metrics = await _client.Http.GetStringAsync("/metrics");
        foreach (var action in new[] { "ready", "failed", "restarted" })
        {
            Assert.True(
                PrometheusText.Value(
                    metrics,
                    "streamengine_pipeline_reconciled_total",
                    "pipeline=aws",
                    $"action={action}"
                ) >= 1,
                action
            );
        }
    }

    private static string Name(string videoId) => TestIds.Key(videoId).ToString("N");

    private static bool IsStartOf((string Target, JsonElement Body, string Authorization) request, string videoId) =>
        request.Target == "AWSStepFunctions.StartExecution"
        && request.Body.GetProperty("name").GetString() == Name(videoId);

    private int StartsOf(string videoId) => _aws.Requests.Count(r => IsStartOf(r, videoId));

    private async Task<string?> FailureReasonAsync(string videoId) =>
        (await _client.SendAsync("query($id: ID!) { video(id: $id) { failureReason } }", new { id = videoId })).Ok()[
            "video"
        ]!
            ["failureReason"]
            ?.GetValue<string>();
}
