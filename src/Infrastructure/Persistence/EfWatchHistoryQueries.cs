using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>A viewer's history, latest first, as keyset pages.</summary>
internal sealed class EfWatchHistoryQueries(AppDbContext db) : IWatchHistoryQueries
{
    public async Task<Page<WatchedVideo>> WatchHistoryAsync(Guid userId, PageRequest page, CancellationToken ct)
    {
        var rows =
            from entry in db.WatchHistory.AsNoTracking()
            join video in ReadModel.Listed(db, userId) on entry.VideoId equals video.Id
            where entry.UserId == userId
            select new ReadModel.HistoryRow { Entry = entry, Video = video };
        var result = await Keyset.PageAsync(rows, ReadModel.WatchedAt, ReadModel.Watch, true, page, "history", ct);
        return result.Map(r => new WatchedVideo(r.Entry, r.Video));
    }
}
