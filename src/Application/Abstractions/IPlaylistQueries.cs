using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

public sealed record PlaylistEntry(PlaylistItem Item, Video Video);

/// <summary>Playlists and their items as pages.</summary>
public interface IPlaylistQueries
{
    Task<Page<Playlist>> PlaylistsAsync(Guid ownerId, Guid? viewerId, PageRequest page, CancellationToken ct);

    /// <summary>A playlist's items in order, without videos <paramref name="viewerId"/> may not see in a
    /// list.</summary>
    Task<Page<PlaylistEntry>> PlaylistItemsAsync(
        Guid playlistId,
        Guid? viewerId,
        PageRequest page,
        CancellationToken ct
    );

    /// <summary>One item of a playlist, unless its video is one <paramref name="viewerId"/> may not see in a
    /// list.</summary>
    Task<PlaylistEntry?> PlaylistItemAsync(Guid playlistId, Guid videoId, Guid? viewerId, CancellationToken ct);

    /// <summary>The cursor of a playlist in its channel's list.</summary>
    string CursorOf(Playlist playlist);

    /// <summary>The cursor of an item in its playlist's list.</summary>
    string CursorOf(PlaylistEntry entry);
}
