using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Playlists;

/// <summary>The ownership guard of every playlist edit: the caller's own playlist, or why not (a playlist the caller
/// may not open does not exist for them).</summary>
public sealed class OwnedPlaylist(IPlaylistStore playlists, ICurrentUser caller)
{
    public async Task<Result<Playlist>> FindAsync(Guid id, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await playlists.FindPlaylistAsync(id, ct) is not { } playlist || !playlist.CanBeOpenedBy(userId))
        {
            return EngagementErrors.PlaylistNotFound;
        }

        return playlist.OwnerId == userId ? playlist : VideoErrors.NotOwner;
    }
}

/// <summary>The rules for a playlist's title and description.</summary>
internal static class PlaylistText
{
    public static Error? Check(string? title, string? description, bool requireTitle) =>
        (requireTitle || title is not null) && title?.Trim() is not { Length: > 0 and <= Playlist.MaxTitleLength }
            ? EngagementErrors.InvalidPlaylistTitle
        : description?.Trim().Length > Playlist.MaxDescriptionLength ? EngagementErrors.InvalidPlaylistDescription
        : null;
}
