using StreamEngine.Domain.Users;
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
/// videos, and their own in any state. <see cref="WithOwners"/>: the caller will show each video's owner, so the store
/// may read the owners with the page (one statement instead of a second look-up).</summary>
public sealed record VideoQuery(
    Guid? ViewerId,
    Guid? OwnerId = null,
    string? Search = null,
    VideoOrder Order = VideoOrder.Newest,
    bool WithOwners = false
);

/// <summary>A video of a list, with its owner when the store read it with the page; null otherwise (look the owner
/// up by id).</summary>
public sealed record ListedVideo(Video Video, User? Owner);

/// <summary>A channel's totals, each counted on its own (never multiplied by a join).</summary>
public sealed record ChannelTotals(int Videos, long Views, long Likes, long Comments, long Subscribers);

/// <summary>The video read model: lists (Relay pages) and batch look-ups; a batch takes many keys and runs one
/// statement.</summary>
public interface IVideoQueries
{
    Task<Page<ListedVideo>> VideosAsync(VideoQuery query, PageRequest page, CancellationToken ct);

    /// <summary>Public READY videos of the channels <paramref name="userId"/> subscribes to, newest first.</summary>
    Task<Page<Video>> FeedAsync(Guid userId, PageRequest page, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, Video>> VideosByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlySet<Guid>> LikedVideosAsync(Guid userId, IReadOnlyCollection<Guid> videoIds, CancellationToken ct);

    Task<ChannelTotals> ChannelTotalsAsync(Guid ownerId, CancellationToken ct);
}
