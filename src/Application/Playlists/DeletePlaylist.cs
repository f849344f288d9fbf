using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Playlists;

/// <summary>Deletes the caller's playlist (the videos in it stay).</summary>
public sealed class DeletePlaylist(IPlaylistStore playlists, OwnedPlaylist owned)
{
    public async Task<Result<Guid>> Handle(Guid playlistId, CancellationToken ct)
    {
        var found = await owned.FindAsync(playlistId, ct);
        if (!found.Succeeded)
        {
            return Result<Guid>.Failure(found.Errors);
        }

        await playlists.DeletePlaylistAsync(playlistId, ct);
        return playlistId;
    }
}
