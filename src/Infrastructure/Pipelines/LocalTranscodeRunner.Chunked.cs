using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Telemetry;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>A long video's encode as jobs of their own (see <see cref="ChunkedTranscode"/>): its job plans the
/// chunks, queues one part job per chunk plus one for the audio and storyboard, and waits; any worker (here or in
/// another process, on the same database and storage) takes the parts, each retried alone; when the last is done the
/// video's job runs again to join them and publish the ladder.</summary>
internal sealed partial class LocalTranscodeRunner
{
    /// <summary>The video job's turn in a chunked encode: null when the video is not chunked.</summary>
    private async Task<JobRunOutcome?> RunChunkedAsync(Guid videoId, CancellationToken ct)
    {
        var settings = options.Value;
        var source = storage.RequireSource(videoId);
        var media = storage.MediaOf(videoId);
        var work = ChunkedTranscode.WorkOf(media);
        var chunked = new ChunkedTranscode(settings.ToFfmpegOptions());
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ITranscodeJobStore>();
        var parts = await queue.ListPartsAsync(videoId, ct);
        var plan = await ChunkedTranscode.LoadPlanAsync(work, ct);
        var published = plan is null && File.Exists(Path.Combine(media, HlsPackage.MasterPlaylist));
        if (parts.Count > 0 && (plan is null ? !published : plan.PartCount != parts.Count))
        {
            // Its work folder is gone or belongs to another plan: start again.
            logger.LogWarning("Video {VideoId}: the chunks' work is incomplete; it is chunked again", videoId);
            foreach (var part in parts)
            {
                queue.RemoveJob(part);
            }

            await queue.SaveChangesAsync(ct);
            parts = [];
        }

        if (parts.Count == 0)
        {
            plan = settings.ChunkSeconds > 0 ? await chunked.PlanAsync(source, settings.EffectiveLadder, ct) : null;
            return plan is null ? null : await QueuePartsAsync(videoId, plan, queue, ct);
        }

        if (parts.FirstOrDefault(p => p.State == TranscodeJobState.Failed) is { } failed)
        {
            throw new TranscodeFailedException(failed.LastError ?? "A chunk could not be encoded.", transient: false);
        }

        if (parts.Any(p => p.State != TranscodeJobState.Succeeded))
        {
            return JobRunOutcome.AwaitingParts;
        }

        using (StreamEngineTracing.Source.StartActivity("join"))
        {
            plan ??= await chunked.PlanAsync(source, settings.EffectiveLadder, ct);
            var result = await chunked.FinishAsync(
                source,
                plan ?? throw new TranscodeFailedException("The chunked video's plan is gone.", transient: false),
                media,
                ct
            );
            logger.LogInformation("Video {VideoId}: {Count} chunks joined", videoId, plan.Chunks.Count);
            await PublishAsync(videoId, result);
        }

        return JobRunOutcome.Done;
    }

    private async Task<JobRunOutcome> QueuePartsAsync(
        Guid videoId,
        ChunkedPlan plan,
        ITranscodeJobStore queue,
        CancellationToken ct
    )
    {
        storage.DeleteScratch(videoId);
        await ChunkedTranscode.SavePlanAsync(ChunkedTranscode.WorkOf(storage.MediaOf(videoId)), plan, ct);
        var now = clock.UtcNow;
        for (var part = 1; part <= plan.PartCount; part++)
        {
            queue.AddJob(TranscodeJob.QueuePart(videoId, part, now));
        }

        await queue.SaveChangesAsync(ct);
        signal.Wake();
        logger.LogInformation(
            "Video {VideoId} ({Seconds:0.#} s) is encoded as {Count} chunks of {ChunkSeconds} s and one audio part",
            videoId,
            plan.Probe.DurationSeconds,
            plan.Chunks.Count,
            options.Value.ChunkSeconds
        );
        return JobRunOutcome.AwaitingParts;
    }

    /// <summary>One part of a chunked encode, as the plan in the work folder says (whatever this worker's own
    /// settings).</summary>
    private async Task EncodePartAsync(JobTicket job, CancellationToken ct)
    {
        var source = storage.RequireSource(job.VideoId);
        var work = ChunkedTranscode.WorkOf(storage.MediaOf(job.VideoId));
        var plan =
            await ChunkedTranscode.LoadPlanAsync(work, ct)
            ?? throw new TranscodeFailedException("The chunked video's plan is gone.", transient: false);
        var index = job.Part - 1;
        var started = Stopwatch.GetTimestamp();
        using (StreamEngineTracing.Source.StartActivity("encode part")?.SetTag("streamengine.job.part", job.Part))
        {
            await new ChunkedTranscode(options.Value.ToFfmpegOptions()).EncodePartAsync(source, plan, index, work, ct);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (index < plan.Chunks.Count)
        {
            var chunk = plan.Chunks[index];
            metrics.Encoded(chunk.Length, elapsed);
            logger.LogInformation(
                "Video {VideoId}: chunk {Chunk} of {Count} ({Start:0.#}-{End:0.#} s) encoded in {Elapsed:0.00} s",
                job.VideoId,
                index + 1,
                plan.Chunks.Count,
                chunk.Start,
                chunk.Start + chunk.Length,
                elapsed.TotalSeconds
            );
        }
        else
        {
            logger.LogInformation(
                "Video {VideoId}: audio and storyboard encoded in {Elapsed:0.00} s",
                job.VideoId,
                elapsed.TotalSeconds
            );
        }
    }
}
