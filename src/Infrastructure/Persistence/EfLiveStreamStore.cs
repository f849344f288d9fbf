using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

internal sealed class EfLiveStreamStore(AppDbContext db) : ILiveStreamStore, ILiveStreamQueries
{
    private static readonly LiveStreamStatus[] Active =
    [
        LiveStreamStatus.Connecting,
        LiveStreamStatus.Live,
        LiveStreamStatus.Reconnecting,
    ];

    public Task<LiveStream?> FindLiveStreamAsync(Guid id, CancellationToken ct) =>
        db.LiveStreams.FirstOrDefaultAsync(s => s.Id == id, ct);

    public Task<LiveStream?> FindByKeyAsync(string streamKey, CancellationToken ct) =>
        db.LiveStreams.FirstOrDefaultAsync(s => s.StreamKey == streamKey, ct);

    public async Task<IReadOnlyList<LiveStream>> OwnedAsync(Guid ownerId, int limit, CancellationToken ct) =>
        await db
            .LiveStreams.AsNoTracking()
            .Where(s => s.OwnerId == ownerId)
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.Id)
            .Take(limit)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<LiveStream>> LiveNowAsync(Guid? ownerId, int limit, CancellationToken ct) =>
        await db
            .LiveStreams.AsNoTracking()
            .Where(s =>
                s.Status == LiveStreamStatus.Live
                && s.Visibility == Visibility.Public
                && (ownerId == null || s.OwnerId == ownerId)
            )
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.Id)
            .Take(limit)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<LiveStream>> LiveOnSubscriptionsAsync(
        Guid viewerId,
        int limit,
        CancellationToken ct
    ) =>
        await db
            .LiveStreams.AsNoTracking()
            .Where(s =>
                s.Status == LiveStreamStatus.Live
                && s.Visibility == Visibility.Public
                && db.ChannelSubscriptions.Any(c => c.SubscriberId == viewerId && c.ChannelId == s.OwnerId)
            )
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.Id)
            .Take(limit)
            .ToListAsync(ct);

    public Task<int> CountActiveAsync(Guid? ownerId, CancellationToken ct) =>
        db.LiveStreams.CountAsync(s => Active.Contains(s.Status) && (ownerId == null || s.OwnerId == ownerId), ct);

    public async Task<IReadOnlyList<LiveStream>> UnfinishedAsync(CancellationToken ct) =>
        await db
            .LiveStreams.Where(s => Active.Contains(s.Status) || s.RecordingPending)
            .OrderBy(s => s.CreatedAt)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<LiveStream>> OpenAsync(int limit, CancellationToken ct) =>
        await db
            .LiveStreams.AsNoTracking()
            .Where(s => s.Status != LiveStreamStatus.Ended)
            .OrderBy(s => s.Status == LiveStreamStatus.Idle ? 1 : 0)
            .ThenByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.Id)
            .Take(limit)
            .ToListAsync(ct);

    public Task ReloadAsync(LiveStream stream, CancellationToken ct) => db.Entry(stream).ReloadAsync(ct);

    public void AddLiveStream(LiveStream stream) => db.LiveStreams.Add(stream);

    public Task SaveChangesAsync(CancellationToken ct) => EfSave.SaveAsync(db, ct);
}
