using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

public enum VideoOrder
{
    Newest,
    Oldest,
    MostViewed,
    Relevance,
}

/// <summary>Which videos a list holds. Every list shows only what <see cref="ViewerId"/> may see: READY and PUBLIC
/// videos, and their own in any state.</summary>
public sealed record VideoQuery(
    Guid? ViewerId,
    Guid? OwnerId = null,
    string? Search = null,
    VideoOrder Order = VideoOrder.Newest
);

/// <summary>A channel's totals, each counted on its own (never multiplied by a join).</summary>
public sealed record ChannelTotals(int Videos, long Views, long Likes, long Comments, long Subscribers);

/// <summary>The video read model: lists (Relay pages) and batch look-ups; a batch takes many keys and runs one
/// statement.</summary>
public interface IVideoQueries
{
    Task<Page<Video>> VideosAsync(VideoQuery query, PageRequest page, CancellationToken ct);

    /// <summary>Public READY videos of the channels <paramref name="userId"/> subscribes to, newest first.</summary>
    Task<Page<Video>> FeedAsync(Guid userId, PageRequest page, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, Video>> VideosByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlySet<Guid>> LikedVideosAsync(Guid userId, IReadOnlyCollection<Guid> videoIds, CancellationToken ct);

    Task<ChannelTotals> ChannelTotalsAsync(Guid ownerId, CancellationToken ct);
}
