using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Playlists;

/// <summary>One item of a playlist the caller may open, unless its video is one they may not see.</summary>
public sealed class GetPlaylistItem(GetPlaylist playlists, IPlaylistQueries queries, ICurrentUser caller)
{
    public async Task<PlaylistEntry?> Handle(Guid playlistId, Guid videoId, CancellationToken ct) =>
        await playlists.Handle(playlistId, ct) is null
            ? null
            : await queries.PlaylistItemAsync(playlistId, videoId, caller.UserId, ct);
}
