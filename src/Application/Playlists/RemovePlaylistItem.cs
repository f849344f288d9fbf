using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Playlists;

public sealed record RemovePlaylistItemRequest(Guid PlaylistId, Guid VideoId);

/// <summary>Takes a video out of the caller's playlist.</summary>
public sealed class RemovePlaylistItem(IPlaylistStore playlists, OwnedPlaylist owned)
{
    public async Task<Result<Playlist>> Handle(RemovePlaylistItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await owned.FindAsync(request.PlaylistId, ct);
        return !found.Succeeded ? found
            : await playlists.RemovePlaylistItemAsync(request.PlaylistId, request.VideoId, ct) ? found.Value
            : EngagementErrors.NotInPlaylist;
    }
}
