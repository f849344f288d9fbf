using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;

namespace StreamEngine.Infrastructure.Pipelines.Aws;

/// <summary>Finishes what the status queue did not tell us: a video PROCESSING with no news for
/// <see cref="PipelineOptions.ReconcileAfter"/> (and no start still owed) is looked up with DescribeExecution. An
/// execution that SUCCEEDED makes it READY from the outputs it wrote; one that FAILED, TIMED_OUT or was ABORTED makes
/// it FAILED with the execution's error; a missing execution is started again (through the start outbox); a RUNNING
/// one is looked at again after the same delay.</summary>
internal sealed partial class StepFunctionsReconciler(
    IServiceScopeFactory scopes,
    StepFunctionsClient client,
    IClock clock,
    IOptions<PipelineOptions> pipeline,
    IOptions<StepFunctionsOptions> stepFunctions,
    PipelineMetrics metrics,
    ILogger<StepFunctionsReconciler> logger
) : PipelineReconciler(scopes, clock, pipeline)
{
    protected override void PassFailed(Exception exception) => LogPassFailed(logger, exception);

    protected override async Task ReconcileAsync(Guid videoId, DateTimeOffset quietSince, CancellationToken ct)
    {
        var arn = AwsStepFunctionsPipeline.ExecutionArn(stepFunctions.Value.StateMachineArn!, videoId);
        var execution = await client.DescribeExecutionAsync(arn, ct);
        await using var scope = Scopes.CreateAsyncScope();
        var apply = scope.ServiceProvider.GetRequiredService<ApplyPipelineStatus>();
        switch (execution?.Status)
        {
            case null:
                LogRestarted(logger, videoId);
                metrics.Reconciled("aws", "restarted");
                await PipelineStarts.OweAsync(scope.ServiceProvider, videoId, Clock.UtcNow, ct);
                break;
            case "SUCCEEDED":
                LogFinished(logger, videoId, execution.Status);
                await apply.Handle(new PipelineStatus(videoId, "READY", null, null, null), ct);
                metrics.Reconciled("aws", "ready");
                break;
            case "FAILED" or "TIMED_OUT" or "ABORTED":
                LogFinished(logger, videoId, execution.Status);
                var reason =
                    $"The pipeline's execution ended {execution.Status}"
                    + (execution.Error is { Length: > 0 } error ? $" ({error})." : ".");
                await apply.Handle(new PipelineStatus(videoId, "FAILED", null, null, reason), ct);
                metrics.Reconciled("aws", "failed");
                break;
            default:
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reconciliation pass failed; the next pass retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Video {VideoId} was PROCESSING with no execution; starting it again."
    )]
    private static partial void LogRestarted(ILogger logger, Guid videoId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Video {VideoId}: its execution ended {Status} without a status message reaching us; applied."
    )]
    private static partial void LogFinished(ILogger logger, Guid videoId, string status);
}
