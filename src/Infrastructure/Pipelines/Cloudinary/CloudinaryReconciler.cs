using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;

namespace StreamEngine.Infrastructure.Pipelines.Cloudinary;

/// <summary>Finishes what Cloudinary's notification did not tell us: a video PROCESSING with no news for
/// <see cref="PipelineOptions.ReconcileAfter"/>, its upload job done and no start owed, is looked up in the Admin API.
/// Its eager HLS file derived makes it READY; no asset at all starts the upload again (through the start outbox);
/// nothing derived after <see cref="PipelineOptions.MaxRemoteProcessingTime"/> makes it FAILED, so no video waits for
/// ever on a notification that will not come.</summary>
internal sealed partial class CloudinaryReconciler(
    IServiceScopeFactory scopes,
    CloudinaryClient client,
    IClock clock,
    IOptions<PipelineOptions> pipeline,
    IOptions<CloudinaryOptions> cloudinary,
    PipelineMetrics metrics,
    ILogger<CloudinaryReconciler> logger
) : PipelineReconciler(scopes, clock, pipeline)
{
    protected override void PassFailed(Exception exception) => LogPassFailed(logger, exception);

    protected override async Task ReconcileAsync(Guid videoId, DateTimeOffset quietSince, CancellationToken ct)
    {
        var resource = await client.GetVideoResourceAsync(cloudinary.Value.PublicId(videoId), ct);
        await using var scope = Scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (resource is null)
        {
            LogRestarted(logger, videoId);
            metrics.Reconciled("cloudinary", "restarted");
            await PipelineStarts.OweAsync(services, videoId, Clock.UtcNow, ct);
            return;
        }

        var derived = Derived(resource.Value, cloudinary.Value.Eager);
        if (
            derived is { } eager
            && await services.GetRequiredService<IVideoStore>().FindVideoAsync(videoId, ct) is { } v
        )
        {
            LogFinished(logger, videoId);
            metrics.Reconciled("cloudinary", "ready");
            await services
                .GetRequiredService<MarkVideoReady>()
                .Handle(
                    CloudinaryNotifications.Transcoded(
                        v,
                        cloudinary.Value,
                        CloudinaryNotifications.Number(eager, "width"),
                        CloudinaryNotifications.Number(eager, "height")
                    ),
                    ct
                );
        }
        else if (Clock.UtcNow - quietSince > Pipeline.MaxRemoteProcessingTime)
        {
            LogGaveUp(logger, videoId);
            metrics.Reconciled("cloudinary", "failed");
            await services
                .GetRequiredService<MarkVideoFailed>()
                .Handle(
                    new TranscodeFailure(
                        videoId,
                        "Cloudinary did not finish the HLS transformation in time (no notification, nothing derived)."
                    ),
                    ct
                );
        }
    }

    /// <summary>The derived file of the eager transformation, if Cloudinary has made it.</summary>
    private static JsonElement? Derived(JsonElement resource, string transformation) =>
        resource.ValueKind == JsonValueKind.Object
        && resource.TryGetProperty("derived", out var derived)
        && derived.ValueKind == JsonValueKind.Array
            ? derived
                .EnumerateArray()
                .Where(d =>
                    d.ValueKind == JsonValueKind.Object
                    && d.TryGetProperty("transformation", out var t)
                    && t.ValueKind == JsonValueKind.String
                    && t.GetString() == transformation
                )
                .Select(d => (JsonElement?)d)
                .FirstOrDefault()
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Cloudinary reconciliation pass failed; the next retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video {VideoId} has no Cloudinary asset; uploading it again.")]
    private static partial void LogRestarted(ILogger logger, Guid videoId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Video {VideoId}: Cloudinary made its HLS without a notification reaching us; applied."
    )]
    private static partial void LogFinished(ILogger logger, Guid videoId);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Video {VideoId}: Cloudinary never finished its HLS transformation; it is FAILED."
    )]
    private static partial void LogGaveUp(ILogger logger, Guid videoId);
}
