using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Playlists;

/// <summary>Null fields stay as they are.</summary>
public sealed record UpdatePlaylistRequest(Guid PlaylistId, string? Title, string? Description, Visibility? Visibility);

/// <summary>Renames, redescribes or changes the visibility of the caller's playlist.</summary>
public sealed class UpdatePlaylist(IPlaylistStore playlists, OwnedPlaylist owned, IClock clock)
{
    public async Task<Result<Playlist>> Handle(UpdatePlaylistRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await owned.FindAsync(request.PlaylistId, ct);
        if (!found.Succeeded)
        {
            return found;
        }

        if (PlaylistText.Check(request.Title, request.Description, requireTitle: false) is { } error)
        {
            return error;
        }

        found.Value.Update(request.Title?.Trim(), request.Description?.Trim(), request.Visibility, clock.UtcNow);
        await playlists.SavePlaylistAsync(found.Value, ct);
        return found.Value;
    }
}
