using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Channels;

/// <param name="OwnerId">One channel's videos; null for every channel's.</param>
public sealed record ListVideosRequest(Guid? OwnerId, string? Search, VideoOrder Order, PageRequest Page);

/// <summary>A channel's videos (all of them for its owner) or a search over every listed video.</summary>
public sealed class ListVideos(IVideoQueries queries, ICurrentUser caller)
{
    public Task<Result<Page<Video>>> Handle(ListVideosRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new VideoQuery(caller.UserId, request.OwnerId, request.Search, request.Order);
        return Pages.RunAsync(request.Page, () => queries.VideosAsync(query, request.Page, ct));
    }
}
