using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Queues a job row for the local worker (one per video: the unique index makes a second start a no-op;
/// a start of a video whose job had succeeded runs it again) and wakes the worker.</summary>
internal sealed class LocalTranscodePipeline(ITranscodeJobStore queue, IClock clock, LocalWorkerSignal signal)
    : ITranscodePipeline
{
    public async Task StartAsync(Guid videoId, CancellationToken ct)
    {
        var existing = await queue.FindJobOfVideoAsync(videoId, ct);
        if (existing is { State: TranscodeJobState.Succeeded })
        {
            // Started again while PROCESSING: the job's work was lost downstream (a Cloudinary asset that is gone).
            existing.Requeue(clock.UtcNow);
            foreach (var part in await queue.ListPartsAsync(videoId, ct))
            {
                queue.RemoveJob(part);
            }

            await queue.SaveChangesAsync(ct);
        }
        else if (existing is null)
        {
            queue.AddJob(TranscodeJob.Queue(videoId, clock.UtcNow));
            try
            {
                await queue.SaveChangesAsync(ct);
            }
            catch (DuplicateKeyException)
            {
                // Queued by a concurrent start: one job it is.
            }
        }

        signal.Wake();
    }

    public Task CancelAsync(Guid videoId, CancellationToken ct)
    {
        signal.Cancel(videoId);
        return Task.CompletedTask;
    }

    /// <summary>The ladder is in our storage, which the deletion empties.</summary>
    public Task DeleteOutputsAsync(Guid videoId, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Wakes the worker when a job is queued, and tells it to stop work on a deleted video.</summary>
public sealed class LocalWorkerSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<
        Guid,
        (Guid VideoId, CancellationTokenSource Run)
    > _running = new();

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException) { }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    /// <summary>A job (a video's, or a part of it) this process is running, stopped by <see cref="Cancel"/>.</summary>
    internal CancellationTokenSource Track(Guid jobId, Guid videoId, CancellationToken parent)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(parent);
        _running[jobId] = (videoId, source);
        return source;
    }

    internal void Untrack(Guid jobId) => _running.TryRemove(jobId, out _);

    public void Dispose() => _wake.Dispose();

    /// <summary>Stops every job of the video running here.</summary>
    public void Cancel(Guid videoId)
    {
        foreach (var (_, (video, run)) in _running)
        {
            if (video == videoId)
            {
                run.Cancel();
            }
        }
    }
}
