using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The local pipeline's durable job queue (rows beside the videos, written in the same unit of
/// work).</summary>
public interface ITranscodeJobStore
{
    /// <summary>The video's own job (not its parts).</summary>
    Task<TranscodeJob?> FindJobOfVideoAsync(Guid videoId, CancellationToken ct);

    /// <summary>The parts of a video's job, in order.</summary>
    Task<IReadOnlyList<TranscodeJob>> ListPartsAsync(Guid videoId, CancellationToken ct);

    /// <summary>Video jobs waiting for their parts, the longest-waiting first.</summary>
    Task<IReadOnlyList<TranscodeJob>> ListWaitingJobsAsync(int max, CancellationToken ct);

    Task<IReadOnlyList<TranscodeJob>> ListJobsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlyList<TranscodeJob>> ListAvailableJobsAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>Videos PROCESSING since before <paramref name="before"/> with no job: a start that was lost.</summary>
    Task<IReadOnlyList<Guid>> ListProcessingVideosWithoutJobAsync(DateTimeOffset before, int max, CancellationToken ct);

    /// <summary>Adds the job, keeping the current trace so the worker continues it.</summary>
    void AddJob(TranscodeJob job);

    /// <summary>The trace the job was queued in (W3C <c>traceparent</c>), if any.</summary>
    string? TraceParentOf(TranscodeJob job);

    void RemoveJob(TranscodeJob job);

    Task SaveChangesAsync(CancellationToken ct);
}
