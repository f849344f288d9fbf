using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Channels;

public sealed record ListChannelPlaylistsRequest(Guid OwnerId, PageRequest Page);

/// <summary>A channel's playlists: all of them for its owner, the public ones for anyone else.</summary>
public sealed class ListChannelPlaylists(IPlaylistQueries queries, ICurrentUser caller)
{
    public Task<Result<Page<Playlist>>> Handle(ListChannelPlaylistsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Pages.RunAsync(
            request.Page,
            () => queries.PlaylistsAsync(request.OwnerId, caller.UserId, request.Page, ct)
        );
    }
}
