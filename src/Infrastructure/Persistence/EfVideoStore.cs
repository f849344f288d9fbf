using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Pipelines;

namespace StreamEngine.Infrastructure.Persistence;

internal sealed class EfVideoStore(AppDbContext db) : IVideoStore, IUploadSessionStore, ITranscodeJobStore
{
    // Every edit of a video starts here: compiled, so that EF Core neither walks the expression nor looks the query
    // up in its cache each time (one per provider: EF binds a compiled query to the provider that first runs it).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<
        Type,
        Func<AppDbContext, Guid, CancellationToken, Task<Video?>>
    > FindVideo = new();

    public Task<Video?> FindVideoAsync(Guid id, CancellationToken ct) =>
        FindVideo.GetOrAdd(
            db.GetType(),
            _ =>
                EF.CompileAsyncQuery(
                    (AppDbContext context, Guid videoId, CancellationToken token) =>
                        context.Videos.FirstOrDefault(v => v.Id == videoId)
                )
        )(db, id, ct);

    public Task ReloadAsync(Video video, CancellationToken ct) => db.Entry(video).ReloadAsync(ct);

    public async Task<IReadOnlyList<Video>> ListVideosOfOwnerAsync(Guid ownerId, CancellationToken ct) =>
        await db.Videos.Where(v => v.OwnerId == ownerId).ToListAsync(ct);

    public void AddVideo(Video video) => db.Videos.Add(video);

    public void RemoveVideo(Video video) => db.Videos.Remove(video);

    public Task<UploadSession?> FindUploadAsync(Guid id, CancellationToken ct) =>
        db.UploadSessions.FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<IReadOnlyList<UploadSession>> ListUploadsOfVideoAsync(Guid videoId, CancellationToken ct) =>
        await db.UploadSessions.Where(s => s.VideoId == videoId).ToListAsync(ct);

    public async Task<IReadOnlyList<UploadSession>> ListExpiredOpenUploadsAsync(
        DateTimeOffset now,
        int max,
        CancellationToken ct
    ) =>
        await db
            .UploadSessions.Where(s => s.CompletedAt == null && s.AbortedAt == null && s.ExpiresAt <= now)
            .OrderBy(s => s.ExpiresAt)
            .Take(max)
            .ToListAsync(ct);

    public async Task<(int Count, long Bytes)> OpenUploadsOfOwnerAsync(
        Guid ownerId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var sizes = await db
            .UploadSessions.Where(s =>
                s.OwnerId == ownerId && s.CompletedAt == null && s.AbortedAt == null && s.ExpiresAt > now
            )
            .Select(s => s.SizeBytes)
            .ToListAsync(ct);
        return (sizes.Count, sizes.Sum());
    }

    public void AddUpload(UploadSession session) => db.UploadSessions.Add(session);

    public void RemoveUpload(UploadSession session) => db.UploadSessions.Remove(session);

    public Task<TranscodeJob?> FindJobOfVideoAsync(Guid videoId, CancellationToken ct) =>
        db.TranscodeJobs.FirstOrDefaultAsync(j => j.VideoId == videoId && j.Part == 0, ct);

    public async Task<IReadOnlyList<TranscodeJob>> ListPartsAsync(Guid videoId, CancellationToken ct) =>
        await db.TranscodeJobs.Where(j => j.VideoId == videoId && j.Part > 0).OrderBy(j => j.Part).ToListAsync(ct);

    public async Task<IReadOnlyList<TranscodeJob>> ListWaitingJobsAsync(int max, CancellationToken ct) =>
        await db
            .TranscodeJobs.Where(j => j.State == TranscodeJobState.Waiting)
            .OrderBy(j => j.UpdatedAt)
            .Take(max)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<TranscodeJob>> ListJobsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await db.TranscodeJobs.Where(j => ids.Contains(j.Id)).ToListAsync(ct);

    public async Task<IReadOnlyList<TranscodeJob>> ListAvailableJobsAsync(
        DateTimeOffset now,
        int max,
        CancellationToken ct
    ) =>
        await db
            .TranscodeJobs.Where(j =>
                (j.State == TranscodeJobState.Queued && j.NotBefore <= now)
                || (j.State == TranscodeJobState.Running && j.LeaseExpiresAt <= now)
            )
            .OrderBy(j => j.NotBefore)
            .ThenBy(j => j.Part)
            .Take(max)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> ListProcessingVideosWithoutJobAsync(
        DateTimeOffset before,
        int max,
        CancellationToken ct
    ) =>
        await db
            .Videos.Where(v =>
                v.Status == VideoStatus.Processing
                && v.UpdatedAt < before
                && !db.TranscodeJobs.Any(j => j.VideoId == v.Id)
            )
            .OrderBy(v => v.UpdatedAt)
            .Select(v => v.Id)
            .Take(max)
            .ToListAsync(ct);

    public void AddJob(TranscodeJob job) =>
        db.TranscodeJobs.Add(job).Property<string?>(Configurations.TranscodeJobConfiguration.TraceParent).CurrentValue =
            Telemetry.StreamEngineTracing.CurrentParent;

    public string? TraceParentOf(TranscodeJob job) =>
        db.Entry(job).Property<string?>(Configurations.TranscodeJobConfiguration.TraceParent).CurrentValue;

    public void RemoveJob(TranscodeJob job) => db.TranscodeJobs.Remove(job);

    public Task SaveChangesAsync(CancellationToken ct) => EfSave.SaveAsync(db, ct);
}
