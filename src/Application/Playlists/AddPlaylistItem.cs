using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Playlists;

/// <param name="Index">0-based position; null adds at the end.</param>
public sealed record AddPlaylistItemRequest(Guid PlaylistId, Guid VideoId, int? Index);

/// <summary>Adds a video the caller may see to their playlist, once, up to <see cref="Playlist.MaxItems"/>.</summary>
public sealed class AddPlaylistItem(IVideoStore videos, IPlaylistStore playlists, OwnedPlaylist owned, IClock clock)
{
    public async Task<Result<Playlist>> Handle(AddPlaylistItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await owned.FindAsync(request.PlaylistId, ct);
        if (!found.Succeeded)
        {
            return found;
        }

        if (
            await videos.FindVideoAsync(request.VideoId, ct) is not { } video
            || !VideoAccess.CanView(video, found.Value.OwnerId)
        )
        {
            return VideoErrors.NotFound with { Field = "videoId" };
        }

        var now = clock.UtcNow;
        var added = await playlists.AddPlaylistItemAsync(
            request.PlaylistId,
            request.VideoId,
            request.Index,
            Playlist.MaxItems,
            now,
            ct
        );
        return added switch
        {
            PlaylistAddition.Added => found.Value,
            PlaylistAddition.Full => EngagementErrors.PlaylistFull,
            _ => EngagementErrors.AlreadyInPlaylist,
        };
    }
}
