using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Views counted once per viewer per window, and the watch history trimmed to its limit.</summary>
internal sealed class EfViewingStore(AppDbContext db) : IViewingStore
{
    public Task<int> PruneViewRecordsAsync(DateTimeOffset before, CancellationToken ct) =>
        db.ViewRecords.Where(r => r.CountedAt < before).ExecuteDeleteAsync(ct);

    public async Task<bool> CountViewAsync(
        Guid videoId,
        string viewerKey,
        DateTimeOffset now,
        TimeSpan window,
        CancellationToken ct
    )
    {
        var threshold = now - window;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Only one of two racing requests moves an old record forward (the row is locked and re-read).
        var renewed = await db
            .ViewRecords.Where(r => r.VideoId == videoId && r.ViewerKey == viewerKey && r.CountedAt <= threshold)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CountedAt, now), ct);
        if (renewed == 0)
        {
            if (await db.ViewRecords.AnyAsync(r => r.VideoId == videoId && r.ViewerKey == viewerKey, ct))
            {
                return false;
            }

            db.ViewRecords.Add(new ViewRecord(videoId, viewerKey, now));
            try
            {
                await EfSave.SaveAsync(db, ct);
            }
            catch (DuplicateKeyException)
            {
                return false;
            }
        }

        await db
            .Videos.Where(v => v.Id == videoId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ViewCount, v => v.ViewCount + 1), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task RecordWatchAsync(Guid userId, Guid videoId, DateTimeOffset now, int keep, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // One entry per video, at the time of its latest viewing; the oldest fall off past the bound.
        await db.WatchHistory.Where(w => w.UserId == userId && w.VideoId == videoId).ExecuteDeleteAsync(ct);
        db.WatchHistory.Add(new WatchEntry(Guid.CreateVersion7(now), userId, videoId, now));
        await EfSave.SaveAsync(db, ct);
        var oldestKept = await db
            .WatchHistory.Where(w => w.UserId == userId)
            .OrderByDescending(w => w.WatchedAt)
            .ThenByDescending(w => w.Id)
            .Skip(keep - 1)
            .Select(w => (DateTimeOffset?)w.WatchedAt)
            .FirstOrDefaultAsync(ct);
        if (oldestKept is { } cutoff)
        {
            await db.WatchHistory.Where(w => w.UserId == userId && w.WatchedAt < cutoff).ExecuteDeleteAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    public Task<int> ClearWatchHistoryAsync(Guid userId, CancellationToken ct) =>
        db.WatchHistory.Where(w => w.UserId == userId).ExecuteDeleteAsync(ct);

    public async Task<bool> RemoveFromWatchHistoryAsync(Guid userId, Guid videoId, CancellationToken ct) =>
        await db.WatchHistory.Where(w => w.UserId == userId && w.VideoId == videoId).ExecuteDeleteAsync(ct) > 0;
}
