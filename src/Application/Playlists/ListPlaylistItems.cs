using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Playlists;

public sealed record ListPlaylistItemsRequest(Playlist Playlist, PageRequest Page);

/// <summary>A playlist's items in order, without the videos the caller may not see in a list.</summary>
public sealed class ListPlaylistItems(IPlaylistQueries queries, ICurrentUser caller)
{
    public Task<Result<Page<PlaylistEntry>>> Handle(ListPlaylistItemsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Pages.RunAsync(
            request.Page,
            () => queries.PlaylistItemsAsync(request.Playlist.Id, caller.UserId, request.Page, ct)
        );
    }
}
