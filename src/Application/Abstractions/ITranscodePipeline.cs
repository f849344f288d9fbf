namespace StreamEngine.Application.Abstractions;

/// <summary>Starts and stops transcoding (the local job queue, Step Functions or Cloudinary). Starting twice starts
/// one job.</summary>
public interface ITranscodePipeline
{
    Task StartAsync(Guid videoId, CancellationToken ct);

    Task CancelAsync(Guid videoId, CancellationToken ct);

    /// <summary>Removes what the pipeline keeps outside our storage for a deleted video (a hosted asset).</summary>
    Task DeleteOutputsAsync(Guid videoId, CancellationToken ct);
}
