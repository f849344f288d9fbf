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
}
