using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;

namespace StreamEngine.Application.Channels;

/// <param name="OwnerId">One channel's videos; null for every channel's.</param>
/// <param name="WithOwners">Whether each video's owner will be shown (see <see cref="VideoQuery.WithOwners"/>).</param>
public sealed record ListVideosRequest(
    Guid? OwnerId,
    string? Search,
    VideoOrder Order,
    PageRequest Page,
    bool WithOwners = false
);

/// <summary>A channel's videos (all of them for its owner) or a search over every listed video.</summary>
public sealed class ListVideos(IVideoQueries queries, ICurrentUser caller)
{
    public Task<Result<Page<ListedVideo>>> Handle(ListVideosRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new VideoQuery(caller.UserId, request.OwnerId, request.Search, request.Order, request.WithOwners);
        return Pages.RunAsync(request.Page, () => queries.VideosAsync(query, request.Page, ct));
    }
}
