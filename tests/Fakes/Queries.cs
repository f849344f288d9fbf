using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

/// <summary>The video read model over the in-memory stores, with the real lists' visibility rule.</summary>
public sealed class InMemoryVideoQueries(
    InMemoryVideos videos,
    InMemoryLikes likes,
    InMemorySubscriptions subscriptions
) : IVideoQueries
{
    public Task<Page<ListedVideo>> VideosAsync(VideoQuery query, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var listed = Video.ListedFor(query.ViewerId).Compile();
        var found = videos
            .All.Where(listed)
            .Where(v => query.OwnerId is null || v.OwnerId == query.OwnerId)
            .Where(v => query.Search is null || v.Title.Contains(query.Search, StringComparison.OrdinalIgnoreCase));
        found =
            query.Order == VideoOrder.Oldest
                ? found.OrderBy(v => v.CreatedAt)
                : found.OrderByDescending(v => v.CreatedAt);
        return Task.FromResult(FakePages.Of(found, page).Map(v => new ListedVideo(v, null)));
    }

    public Task<Page<Video>> FeedAsync(Guid userId, PageRequest page, CancellationToken ct)
    {
        var channels = subscriptions.All.Where(s => s.Subscriber == userId).Select(s => s.Channel).ToHashSet();
        var feed = videos
            .All.Where(v => channels.Contains(v.OwnerId) && v.IsReady && v.Visibility == Visibility.Public)
            .OrderByDescending(v => v.CreatedAt);
        return Task.FromResult(FakePages.Of(feed, page));
    }

    public Task<IReadOnlyDictionary<Guid, Video>> VideosByIdAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlyDictionary<Guid, Video>>(
            videos.All.Where(v => ids.Contains(v.Id)).ToDictionary(v => v.Id)
        );

    public Task<IReadOnlySet<Guid>> LikedVideosAsync(
        Guid userId,
        IReadOnlyCollection<Guid> videoIds,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlySet<Guid>>(
            likes.Videos.Where(l => l.User == userId && videoIds.Contains(l.Video)).Select(l => l.Video).ToHashSet()
        );

    public Task<ChannelTotals> ChannelTotalsAsync(Guid ownerId, CancellationToken ct)
    {
        var owned = videos.All.Where(v => v.OwnerId == ownerId).ToList();
        var likeCount = likes.Videos.Count(l => owned.Any(v => v.Id == l.Video));
        var subscribers = subscriptions.All.Count(s => s.Channel == ownerId);
        return Task.FromResult(new ChannelTotals(owned.Count, owned.Sum(v => v.ViewCount), likeCount, 0, subscribers));
    }
}

public sealed class InMemoryChannelQueries(InMemoryUsers users, InMemorySubscriptions subscriptions) : IChannelQueries
{
    public Task<IReadOnlyDictionary<Guid, User>> UsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, User>>(
            users.All.Where(u => ids.Contains(u.Id)).ToDictionary(u => u.Id)
        );

    public Task<Page<User>> SubscriptionsAsync(Guid subscriberId, PageRequest page, CancellationToken ct) =>
        Task.FromResult(
            FakePages.Of(
                subscriptions
                    .All.Where(s => s.Subscriber == subscriberId)
                    .Select(s => users.All.First(u => u.Id == s.Channel)),
                page
            )
        );

    public Task<Page<User>> SubscribersAsync(Guid channelId, PageRequest page, CancellationToken ct) =>
        Task.FromResult(
            FakePages.Of(
                subscriptions
                    .All.Where(s => s.Channel == channelId)
                    .Select(s => users.All.First(u => u.Id == s.Subscriber)),
                page
            )
        );

    public Task<IReadOnlySet<Guid>> SubscribedChannelsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> channelIds,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlySet<Guid>>(
            subscriptions
                .All.Where(s => s.Subscriber == userId && channelIds.Contains(s.Channel))
                .Select(s => s.Channel)
                .ToHashSet()
        );
}

public sealed class InMemoryCommentQueries(InMemoryComments comments, InMemoryLikes likes) : ICommentQueries
{
    public Task<Page<Comment>> CommentsAsync(Guid videoId, Guid? parentId, PageRequest page, CancellationToken ct)
    {
        var thread = comments.All.Where(c => c.VideoId == videoId && c.ParentId == parentId);
        thread = parentId is null ? thread.OrderByDescending(c => c.CreatedAt) : thread.OrderBy(c => c.CreatedAt);
        return Task.FromResult(FakePages.Of(thread, page));
    }

    public Task<IReadOnlyDictionary<Guid, Comment>> CommentsByIdAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlyDictionary<Guid, Comment>>(
            comments.All.Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id)
        );

    public string CursorOf(Comment comment) => comment.Id.ToString("N");

    public Task<IReadOnlySet<Guid>> LikedCommentsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> commentIds,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlySet<Guid>>(
            likes
                .Comments.Where(l => l.User == userId && commentIds.Contains(l.Comment))
                .Select(l => l.Comment)
                .ToHashSet()
        );
}

public sealed class InMemoryPlaylistQueries(InMemoryPlaylists playlists, InMemoryVideos videos) : IPlaylistQueries
{
    public Task<Page<Playlist>> PlaylistsAsync(Guid ownerId, Guid? viewerId, PageRequest page, CancellationToken ct)
    {
        var listed = Playlist.ListedFor(viewerId).Compile();
        return Task.FromResult(FakePages.Of(playlists.All.Where(p => p.OwnerId == ownerId).Where(listed), page));
    }

    public Task<Page<PlaylistEntry>> PlaylistItemsAsync(
        Guid playlistId,
        Guid? viewerId,
        PageRequest page,
        CancellationToken ct
    )
    {
        var listed = Video.ListedFor(viewerId).Compile();
        var entries = playlists
            .Ordered(playlistId)
            .Select(i => (Item: i, Video: videos.All.FirstOrDefault(v => v.Id == i.VideoId)))
            .Where(x => x.Video is not null && listed(x.Video))
            .Select(x => new PlaylistEntry(x.Item, x.Video!));
        return Task.FromResult(FakePages.Of(entries, page));
    }

    public async Task<PlaylistEntry?> PlaylistItemAsync(
        Guid playlistId,
        Guid videoId,
        Guid? viewerId,
        CancellationToken ct
    ) =>
        (await PlaylistItemsAsync(playlistId, viewerId, new PageRequest(PageRequest.MaxSize, null, null, null), ct))
            .Edges.Select(e => e.Node)
            .FirstOrDefault(e => e.Video.Id == videoId);

    public string CursorOf(Playlist playlist) => playlist.Id.ToString("N");

    public string CursorOf(PlaylistEntry entry) => entry.Item.VideoId.ToString("N");
}

public sealed class InMemoryWatchHistoryQueries(InMemoryViewings viewings, InMemoryVideos videos) : IWatchHistoryQueries
{
    public Task<Page<WatchedVideo>> WatchHistoryAsync(Guid userId, PageRequest page, CancellationToken ct)
    {
        var watched = viewings
            .History.Where(e => e.UserId == userId)
            .OrderByDescending(e => e.WatchedAt)
            .Select(e => (Entry: e, Video: videos.All.FirstOrDefault(v => v.Id == e.VideoId)))
            .Where(x => x.Video is not null)
            .Select(x => new WatchedVideo(x.Entry, x.Video!));
        return Task.FromResult(FakePages.Of(watched, page));
    }
}
