using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>A channel's playlists and a playlist's items (only videos the viewer may see) as keyset pages.</summary>
internal sealed class EfPlaylistQueries(AppDbContext db) : IPlaylistQueries
{
    public Task<Page<Playlist>> PlaylistsAsync(Guid ownerId, Guid? viewerId, PageRequest page, CancellationToken ct)
    {
        var playlists = db
            .Playlists.AsNoTracking()
            .Where(p => p.OwnerId == ownerId)
            .Where(Playlist.ListedFor(viewerId));
        return Keyset.PageAsync(playlists, ReadModel.PlaylistCreated, ReadModel.Playlist, true, page, "playlists", ct);
    }

    public async Task<Page<PlaylistEntry>> PlaylistItemsAsync(
        Guid playlistId,
        Guid? viewerId,
        PageRequest page,
        CancellationToken ct
    )
    {
        var rows =
            from item in db.PlaylistItems.AsNoTracking()
            join video in ReadModel.Listed(db, viewerId) on item.VideoId equals video.Id
            where item.PlaylistId == playlistId
            select new ReadModel.PlaylistRow { Item = item, Video = video };
        var result = await Keyset.PageAsync(
            rows,
            ReadModel.Position,
            ReadModel.ItemVideo,
            false,
            page,
            "playlist-items",
            ct
        );
        return result.Map(r => new PlaylistEntry(r.Item, r.Video));
    }

    public async Task<PlaylistEntry?> PlaylistItemAsync(
        Guid playlistId,
        Guid videoId,
        Guid? viewerId,
        CancellationToken ct
    )
    {
        var row = await (
            from item in db.PlaylistItems.AsNoTracking()
            join video in ReadModel.Listed(db, viewerId) on item.VideoId equals video.Id
            where item.PlaylistId == playlistId && item.VideoId == videoId
            select new ReadModel.PlaylistRow { Item = item, Video = video }
        ).FirstOrDefaultAsync(ct);
        return row is null ? null : new PlaylistEntry(row.Item, row.Video);
    }

    public string CursorOf(Playlist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        return Keyset.Cursor("playlists", playlist.CreatedAt, playlist.Id);
    }

    public string CursorOf(PlaylistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Keyset.Cursor("playlist-items", entry.Item.Position, entry.Item.VideoId);
    }
}
