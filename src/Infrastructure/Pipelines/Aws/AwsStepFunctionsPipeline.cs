using System.Text.Json;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Infrastructure.Pipelines.Aws;

/// <summary>Transcoding by the Step Functions state machine (<c>StreamEngine:Pipeline:Provider = Aws</c>): one
/// execution per video, named after it, so a retried start is a no-op; deleting a video mid-flight stops it.</summary>
internal sealed class AwsStepFunctionsPipeline(StepFunctionsClient client, IOptions<StepFunctionsOptions> options)
    : ITranscodePipeline
{
    public async Task StartAsync(Guid videoId, CancellationToken ct)
    {
        var input = JsonSerializer.Serialize(
            new
            {
                videoId = videoId.ToString("N"),
                rawKey = S3ObjectStorage.SourceKey(videoId),
                productionPrefix = S3ObjectStorage.MediaPrefix(videoId),
            }
        );
        await client.StartExecutionAsync(videoId.ToString("N"), input, ct);
    }

    public async Task CancelAsync(Guid videoId, CancellationToken ct)
    {
        try
        {
            await client.StopExecutionAsync(
                ExecutionArn(options.Value.StateMachineArn!, videoId),
                "The video was deleted.",
                ct
            );
        }
        catch (StepFunctionsException ex) when (ex.Type.EndsWith("ExecutionDoesNotExist", StringComparison.Ordinal))
        {
            // Never started or already gone.
        }
    }

    /// <summary>The ladder is in the production bucket, which the deletion empties.</summary>
    public Task DeleteOutputsAsync(Guid videoId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>arn:…:stateMachine:NAME becomes arn:…:execution:NAME:EXECUTION.</summary>
    public static string ExecutionArn(string stateMachineArn, Guid videoId) =>
        stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal)
        + ":"
        + videoId.ToString("N");
}
