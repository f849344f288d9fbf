using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Playlists;

public sealed record CreatePlaylistRequest(string? Title, string? Description, Visibility Visibility);

/// <summary>Creates an empty playlist owned by the caller.</summary>
public sealed class CreatePlaylist(IPlaylistStore playlists, RequireUser signedIn, IClock clock)
{
    public Task<Result<Playlist>> Handle(CreatePlaylistRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run<Playlist>(async userId =>
        {
            if (PlaylistText.Check(request.Title, request.Description, requireTitle: true) is { } error)
            {
                return error;
            }

            var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
            var playlist = Playlist.Create(
                userId,
                request.Title!.Trim(),
                description,
                request.Visibility,
                clock.UtcNow
            );
            await playlists.AddPlaylistAsync(playlist, ct);
            return playlist;
        });
    }
}
