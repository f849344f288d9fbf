using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Playlists;

/// <param name="Index">The new 0-based position (clamped to the list).</param>
public sealed record MovePlaylistItemRequest(Guid PlaylistId, Guid VideoId, int Index);

/// <summary>Moves a video to another position in the caller's playlist.</summary>
public sealed class MovePlaylistItem(IPlaylistStore playlists, OwnedPlaylist owned)
{
    public async Task<Result<Playlist>> Handle(MovePlaylistItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await owned.FindAsync(request.PlaylistId, ct);
        return !found.Succeeded ? found
            : await playlists.MovePlaylistItemAsync(request.PlaylistId, request.VideoId, request.Index, ct)
                ? found.Value
            : EngagementErrors.NotInPlaylist;
    }
}
