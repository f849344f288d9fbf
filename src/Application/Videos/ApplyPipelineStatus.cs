using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A status report from a remote pipeline (the Step Functions state machine through SQS or the signed
/// callback).</summary>
public sealed record PipelineStatus(Guid VideoId, string Status, string? Stage, double? Percent, string? FailureReason)
{
    /// <summary>Reads the state machine's status message: <c>{ videoId, status, stage?, percent?, failureReason?
    /// }</c>.</summary>
    public static PipelineStatus? TryParse(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            if (
                root.ValueKind != System.Text.Json.JsonValueKind.Object
                || !root.TryGetProperty("videoId", out var id)
                || !Guid.TryParse(id.GetString(), out var videoId)
                || !root.TryGetProperty("status", out var status)
                || status.GetString() is not { Length: > 0 } statusText
            )
            {
                return null;
            }

            string? Text(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
                    ? value.GetString()
                    : null;
            double? percent =
                root.TryGetProperty("percent", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number
                    ? p.GetDouble()
                    : null;
            return new PipelineStatus(videoId, statusText, Text("stage"), percent, Text("failureReason"));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Applies a remote pipeline's status to the video. Delivery is at least once and unordered, so every report
/// is applied idempotently: duplicates change nothing, and a late PROCESSING cannot undo READY or FAILED (the video's
/// lifecycle refuses it).</summary>
public sealed class ApplyPipelineStatus(
    IVideoStore videos,
    IPipelineOutputs outputs,
    ReportTranscodeProgress progress,
    MarkVideoReady ready,
    MarkVideoFailed failed
)
{
    public async Task<bool> Handle(PipelineStatus status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (await videos.FindVideoAsync(status.VideoId, ct) is not { } video)
        {
            return false;
        }

        switch (status.Status.ToUpperInvariant())
        {
            case "PROCESSING":
                await progress.Handle(
                    new TranscodeProgressReport(video.Id, status.Stage ?? "ENCODING", status.Percent ?? 0, null),
                    ct
                );
                return true;
            case "READY" when video.Status == VideoStatus.Processing:
                var (renditions, storyboard) = await outputs.ReadAsync(video.Id, ct);
                if (renditions.Count == 0)
                {
                    await failed.Handle(
                        new TranscodeFailure(video.Id, "The pipeline reported success but produced no rendition."),
                        ct
                    );
                    return true;
                }

                var top = renditions.MaxBy(r => r.Width * r.Height)!;
                await ready.Handle(
                    new TranscodedVideo(
                        video.Id,
                        renditions,
                        video.DurationSeconds ?? 0,
                        video.Width ?? top.Width,
                        video.Height ?? top.Height,
                        storyboard
                    ),
                    ct
                );
                return true;
            case "FAILED":
                var reason = string.IsNullOrWhiteSpace(status.FailureReason)
                    ? "Transcoding failed."
                    : status.FailureReason;
                await failed.Handle(new TranscodeFailure(video.Id, reason), ct);
                return true;
            default:
                return false;
        }
    }
}
