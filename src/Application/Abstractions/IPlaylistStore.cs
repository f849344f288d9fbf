using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Abstractions;

public enum PlaylistAddition
{
    Added,
    AlreadyThere,
    Full,
}

/// <summary>Playlists and their items; each method is one transaction.</summary>
public interface IPlaylistStore
{
    Task<Playlist?> FindPlaylistAsync(Guid id, CancellationToken ct);

    Task AddPlaylistAsync(Playlist playlist, CancellationToken ct);

    Task SavePlaylistAsync(Playlist playlist, CancellationToken ct);

    Task DeletePlaylistAsync(Guid playlistId, CancellationToken ct);

    /// <summary>Adds at the end, or at <paramref name="index"/> (0-based), unless it is there already or the playlist
    /// holds <paramref name="maxItems"/> (both checked under the playlist's lock).</summary>
    Task<PlaylistAddition> AddPlaylistItemAsync(
        Guid playlistId,
        Guid videoId,
        int? index,
        int maxItems,
        DateTimeOffset now,
        CancellationToken ct
    );

    Task<bool> RemovePlaylistItemAsync(Guid playlistId, Guid videoId, CancellationToken ct);

    /// <summary>Moves an item to <paramref name="index"/> (0-based, clamped); false when it is not there.</summary>
    Task<bool> MovePlaylistItemAsync(Guid playlistId, Guid videoId, int index, CancellationToken ct);
}
