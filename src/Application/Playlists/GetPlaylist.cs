using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Playlists;

/// <summary>A playlist the caller may open (their own, or a public or unlisted one), else null.</summary>
public sealed class GetPlaylist(IPlaylistStore playlists, ICurrentUser caller)
{
    public async Task<Playlist?> Handle(Guid id, CancellationToken ct) =>
        await playlists.FindPlaylistAsync(id, ct) is { } playlist && playlist.CanBeOpenedBy(caller.UserId)
            ? playlist
            : null;
}
