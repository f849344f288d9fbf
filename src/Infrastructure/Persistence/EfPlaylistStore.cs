using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Playlists; edits of one playlist take turns on its row's lock and renumber its items.</summary>
internal sealed class EfPlaylistStore(AppDbContext db) : IPlaylistStore
{
    public Task<Playlist?> FindPlaylistAsync(Guid id, CancellationToken ct) =>
        db.Playlists.FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task AddPlaylistAsync(Playlist playlist, CancellationToken ct)
    {
        db.Playlists.Add(playlist);
        await EfSave.SaveAsync(db, ct);
    }

    public Task SavePlaylistAsync(Playlist playlist, CancellationToken ct) => EfSave.SaveAsync(db, ct);

    public async Task DeletePlaylistAsync(Guid playlistId, CancellationToken ct) =>
        await db.Playlists.Where(p => p.Id == playlistId).ExecuteDeleteAsync(ct);

    public async Task<PlaylistAddition> AddPlaylistItemAsync(
        Guid playlistId,
        Guid videoId,
        int? index,
        int maxItems,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var items = await LockedItemsAsync(playlistId, now, ct);
        if (items.Any(i => i.VideoId == videoId))
        {
            return PlaylistAddition.AlreadyThere;
        }

        if (items.Count >= maxItems)
        {
            return PlaylistAddition.Full;
        }

        var item = new PlaylistItem(playlistId, videoId, 0, now);
        items.Insert(Math.Clamp(index ?? items.Count, 0, items.Count), item);
        db.PlaylistItems.Add(item);
        Renumber(items);
        try
        {
            await EfSave.SaveAsync(db, ct);
        }
        catch (DuplicateKeyException)
        {
            return PlaylistAddition.AlreadyThere;
        }

        await tx.CommitAsync(ct);
        return PlaylistAddition.Added;
    }

    public async Task<bool> RemovePlaylistItemAsync(Guid playlistId, Guid videoId, CancellationToken ct)
    {
        var removed = await db
            .PlaylistItems.Where(i => i.PlaylistId == playlistId && i.VideoId == videoId)
            .ExecuteDeleteAsync(ct);
        return removed > 0;
    }

    public async Task<bool> MovePlaylistItemAsync(Guid playlistId, Guid videoId, int index, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var items = await LockedItemsAsync(playlistId, null, ct);
        var item = items.Find(i => i.VideoId == videoId);
        if (item is null)
        {
            return false;
        }

        items.Remove(item);
        items.Insert(Math.Clamp(index, 0, items.Count), item);
        Renumber(items);
        await EfSave.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<List<PlaylistItem>> LockedItemsAsync(
        Guid playlistId,
        DateTimeOffset? touch,
        CancellationToken ct
    )
    {
        // Writing the playlist row first locks it: concurrent edits of one playlist take turns.
        await db
            .Playlists.Where(p => p.Id == playlistId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, p => touch ?? p.UpdatedAt), ct);
        return await db
            .PlaylistItems.Where(i => i.PlaylistId == playlistId)
            .OrderBy(i => i.Position)
            .ThenBy(i => i.AddedAt)
            .ToListAsync(ct);
    }

    private static void Renumber(List<PlaylistItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Position != i)
            {
                items[i].MoveTo(i);
            }
        }
    }
}
