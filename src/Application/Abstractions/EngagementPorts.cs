using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>A Relay page request: <c>first</c>/<c>after</c> forwards or <c>last</c>/<c>before</c> backwards. Cursors
/// are opaque to clients and to use cases; the store makes and reads them.</summary>
public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    /// <summary>Whether the total is wanted (counting a long list is not free; Relay clients often do not ask).</summary>
    public bool IncludeTotal { get; init; } = true;

    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static readonly PageRequest Default = new(null, null, null, null);

    public bool Backwards => Last is not null || (Before is not null && First is null);

    public int Size => Math.Clamp(Backwards ? Last ?? DefaultSize : First ?? DefaultSize, 0, MaxSize);
}

public sealed record Edge<T>(T Node, string Cursor);

/// <param name="TotalCount">Rows in the whole list; 0 when the request did not ask for it.</param>
public sealed record Page<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage, bool HasPreviousPage, int TotalCount)
{
    public static Page<T> Empty { get; } = new([], false, false, 0);

    public Page<TOut> Map<TOut>(Func<T, TOut> map) =>
        new([.. Edges.Select(e => new Edge<TOut>(map(e.Node), e.Cursor))], HasNextPage, HasPreviousPage, TotalCount);
}

/// <summary>A cursor the store cannot read (forged, or from another list).</summary>
public sealed class InvalidCursorException(string message) : Exception(message)
{
    public InvalidCursorException()
        : this("The cursor is not valid for this list.")
    {
    }

    public InvalidCursorException(string message, Exception inner)
        : this(message + " " + inner?.Message)
    {
    }
}

public enum VideoOrder
{
    Newest,
    Oldest,
    MostViewed,
    Relevance,
}

/// <summary>Which videos a list holds. Every list shows only what <see cref="ViewerId"/> may see: READY and PUBLIC
/// videos, and their own in any state.</summary>
public sealed record VideoQuery(Guid? ViewerId, Guid? OwnerId = null, string? Search = null, VideoOrder Order = VideoOrder.Newest);

public enum PlaylistAddition
{
    Added,
    AlreadyThere,
    Full,
}

public sealed record PlaylistEntry(PlaylistItem Item, Video Video);

public sealed record WatchedVideo(WatchEntry Entry, Video Video);

/// <summary>A channel's totals, each counted on its own (never multiplied by a join).</summary>
public sealed record ChannelTotals(int Videos, long Views, long Likes, long Comments, long Subscribers);

/// <summary>Lists (Relay pages) and batch look-ups for the engagement features. Batch methods take many keys and
/// run one statement.</summary>
public interface IEngagementQueries
{
    Task<Page<Video>> VideosAsync(VideoQuery query, PageRequest page, CancellationToken ct);

    /// <summary>Public READY videos of the channels <paramref name="userId"/> subscribes to, newest first.</summary>
    Task<Page<Video>> FeedAsync(Guid userId, PageRequest page, CancellationToken ct);

    Task<Page<User>> SubscriptionsAsync(Guid subscriberId, PageRequest page, CancellationToken ct);

    Task<Page<User>> SubscribersAsync(Guid channelId, PageRequest page, CancellationToken ct);

    /// <summary>Top-level comments of a video (newest first), or replies of a comment (oldest first).</summary>
    Task<Page<Comment>> CommentsAsync(Guid videoId, Guid? parentId, PageRequest page, CancellationToken ct);

    Task<Page<Playlist>> PlaylistsAsync(Guid ownerId, Guid? viewerId, PageRequest page, CancellationToken ct);

    /// <summary>A playlist's items in order, without videos <paramref name="viewerId"/> may not see in a list.</summary>
    Task<Page<PlaylistEntry>> PlaylistItemsAsync(Guid playlistId, Guid? viewerId, PageRequest page, CancellationToken ct);

    Task<Page<WatchedVideo>> WatchHistoryAsync(Guid userId, PageRequest page, CancellationToken ct);

    Task<ChannelTotals> ChannelTotalsAsync(Guid ownerId, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, User>> UsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, Video>> VideosByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlySet<Guid>> LikedVideosAsync(Guid userId, IReadOnlyCollection<Guid> videoIds, CancellationToken ct);

    Task<IReadOnlySet<Guid>> LikedCommentsAsync(Guid userId, IReadOnlyCollection<Guid> commentIds, CancellationToken ct);

    Task<IReadOnlySet<Guid>> SubscribedChannelsAsync(Guid userId, IReadOnlyCollection<Guid> channelIds, CancellationToken ct);
}

/// <summary>Writes of the engagement features. Each method is one transaction that keeps the affected counters
/// right with atomic increments, and is idempotent where the operation is (liking twice likes once).</summary>
public interface IEngagementStore
{
    /// <summary>True when the subscription is new.</summary>
    Task<bool> SubscribeAsync(Guid subscriberId, Guid channelId, DateTimeOffset now, CancellationToken ct);

    Task<bool> UnsubscribeAsync(Guid subscriberId, Guid channelId, CancellationToken ct);

    Task<bool> LikeVideoAsync(Guid userId, Guid videoId, DateTimeOffset now, CancellationToken ct);

    Task<bool> UnlikeVideoAsync(Guid userId, Guid videoId, CancellationToken ct);

    Task<bool> LikeCommentAsync(Guid userId, Guid commentId, DateTimeOffset now, CancellationToken ct);

    Task<bool> UnlikeCommentAsync(Guid userId, Guid commentId, CancellationToken ct);

    Task<Comment?> FindCommentAsync(Guid id, CancellationToken ct);

    Task AddCommentAsync(Comment comment, CancellationToken ct);

    Task EditCommentAsync(Guid commentId, string body, DateTimeOffset now, CancellationToken ct);

    /// <summary>Deletes a comment with its replies and likes.</summary>
    Task DeleteCommentAsync(Comment comment, CancellationToken ct);

    Task<Playlist?> FindPlaylistAsync(Guid id, CancellationToken ct);

    Task AddPlaylistAsync(Playlist playlist, CancellationToken ct);

    Task SavePlaylistAsync(Playlist playlist, CancellationToken ct);

    Task DeletePlaylistAsync(Guid playlistId, CancellationToken ct);

    /// <summary>Adds at the end, or at <paramref name="index"/> (0-based), unless it is there already or the playlist
    /// holds <paramref name="maxItems"/> (both checked under the playlist's lock).</summary>
    Task<PlaylistAddition> AddPlaylistItemAsync(Guid playlistId, Guid videoId, int? index, int maxItems, DateTimeOffset now, CancellationToken ct);

    Task<bool> RemovePlaylistItemAsync(Guid playlistId, Guid videoId, CancellationToken ct);

    /// <summary>Moves an item to <paramref name="index"/> (0-based, clamped); false when it is not there.</summary>
    Task<bool> MovePlaylistItemAsync(Guid playlistId, Guid videoId, int index, CancellationToken ct);

    /// <summary>Counts a view unless this viewer had one counted within <paramref name="window"/>; true if counted.</summary>
    Task<bool> CountViewAsync(Guid videoId, string viewerKey, DateTimeOffset now, TimeSpan window, CancellationToken ct);

    /// <summary>Adds a viewing to the history and trims it to the newest <paramref name="keep"/> entries.</summary>
    Task RecordWatchAsync(Guid userId, Guid videoId, DateTimeOffset now, int keep, CancellationToken ct);

    Task<int> ClearWatchHistoryAsync(Guid userId, CancellationToken ct);

    Task<bool> RemoveFromWatchHistoryAsync(Guid userId, Guid videoId, CancellationToken ct);

    /// <summary>Deletes an account in one transaction: its likes, comments and subscriptions come off other people's
    /// counters, then the user row goes, and with it (the database cascades) every row that belongs to it.</summary>
    Task DeleteUserAsync(Guid userId, CancellationToken ct);

    /// <summary>Forgets view records older than <paramref name="before"/> (they no longer hold a view back).</summary>
    Task<int> PruneViewRecordsAsync(DateTimeOffset before, CancellationToken ct);
}
