using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Fakes;

public sealed class InMemorySubscriptions : ISubscriptionStore
{
    public HashSet<(Guid Subscriber, Guid Channel)> All { get; } = [];

    public Task<bool> SubscribeAsync(Guid subscriberId, Guid channelId, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(All.Add((subscriberId, channelId)));

    public Task<bool> UnsubscribeAsync(Guid subscriberId, Guid channelId, CancellationToken ct) =>
        Task.FromResult(All.Remove((subscriberId, channelId)));
}

public sealed class InMemoryLikes : ILikeStore
{
    public HashSet<(Guid User, Guid Video)> Videos { get; } = [];

    public HashSet<(Guid User, Guid Comment)> Comments { get; } = [];

    public Task<bool> LikeVideoAsync(Guid userId, Guid videoId, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(Videos.Add((userId, videoId)));

    public Task<bool> UnlikeVideoAsync(Guid userId, Guid videoId, CancellationToken ct) =>
        Task.FromResult(Videos.Remove((userId, videoId)));

    public Task<bool> LikeCommentAsync(Guid userId, Guid commentId, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(Comments.Add((userId, commentId)));

    public Task<bool> UnlikeCommentAsync(Guid userId, Guid commentId, CancellationToken ct) =>
        Task.FromResult(Comments.Remove((userId, commentId)));
}

public sealed class InMemoryComments : ICommentStore
{
    public List<Comment> All { get; } = [];

    public Task<Comment?> FindCommentAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(c => c.Id == id));

    public Task AddCommentAsync(Comment comment, CancellationToken ct)
    {
        All.Add(comment);
        return Task.CompletedTask;
    }

    public Task EditCommentAsync(Guid commentId, string body, DateTimeOffset now, CancellationToken ct)
    {
        All.First(c => c.Id == commentId).Edit(body, now);
        return Task.CompletedTask;
    }

    public Task DeleteCommentAsync(Comment comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        All.RemoveAll(c => c.Id == comment.Id || c.ParentId == comment.Id);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryPlaylists : IPlaylistStore
{
    public List<Playlist> All { get; } = [];

    public List<PlaylistItem> Items { get; } = [];

    public Task<Playlist?> FindPlaylistAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(p => p.Id == id));

    public Task AddPlaylistAsync(Playlist playlist, CancellationToken ct)
    {
        All.Add(playlist);
        return Task.CompletedTask;
    }

    public Task SavePlaylistAsync(Playlist playlist, CancellationToken ct) => Task.CompletedTask;

    public Task DeletePlaylistAsync(Guid playlistId, CancellationToken ct)
    {
        All.RemoveAll(p => p.Id == playlistId);
        Items.RemoveAll(i => i.PlaylistId == playlistId);
        return Task.CompletedTask;
    }

    public Task<PlaylistAddition> AddPlaylistItemAsync(
        Guid playlistId,
        Guid videoId,
        int? index,
        int maxItems,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var items = Ordered(playlistId);
        if (items.Any(i => i.VideoId == videoId))
        {
            return Task.FromResult(PlaylistAddition.AlreadyThere);
        }

        if (items.Count >= maxItems)
        {
            return Task.FromResult(PlaylistAddition.Full);
        }

        var item = new PlaylistItem(playlistId, videoId, 0, now);
        items.Insert(Math.Clamp(index ?? items.Count, 0, items.Count), item);
        Items.Add(item);
        Renumber(items);
        return Task.FromResult(PlaylistAddition.Added);
    }

    public Task<bool> RemovePlaylistItemAsync(Guid playlistId, Guid videoId, CancellationToken ct) =>
        Task.FromResult(Items.RemoveAll(i => i.PlaylistId == playlistId && i.VideoId == videoId) > 0);

    public Task<bool> MovePlaylistItemAsync(Guid playlistId, Guid videoId, int index, CancellationToken ct)
    {
        var items = Ordered(playlistId);
        var item = items.FirstOrDefault(i => i.VideoId == videoId);
        if (item is null)
        {
            return Task.FromResult(false);
        }

        items.Remove(item);
        items.Insert(Math.Clamp(index, 0, items.Count), item);
        Renumber(items);
        return Task.FromResult(true);
    }

    public List<PlaylistItem> Ordered(Guid playlistId) =>
        [.. Items.Where(i => i.PlaylistId == playlistId).OrderBy(i => i.Position)];

    private static void Renumber(List<PlaylistItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            items[i].MoveTo(i);
        }
    }
}

public sealed class InMemoryViewings : IViewingStore
{
    public Dictionary<(Guid Video, string Viewer), DateTimeOffset> Views { get; } = [];

    public List<WatchEntry> History { get; } = [];

    public Task<bool> CountViewAsync(
        Guid videoId,
        string viewerKey,
        DateTimeOffset now,
        TimeSpan window,
        CancellationToken ct
    )
    {
        if (Views.TryGetValue((videoId, viewerKey), out var last) && now - last < window)
        {
            return Task.FromResult(false);
        }

        Views[(videoId, viewerKey)] = now;
        return Task.FromResult(true);
    }

    public Task RecordWatchAsync(Guid userId, Guid videoId, DateTimeOffset now, int keep, CancellationToken ct)
    {
        History.Add(new WatchEntry(Guid.NewGuid(), userId, videoId, now));
        var old = History.Where(e => e.UserId == userId).OrderByDescending(e => e.WatchedAt).Skip(keep).ToList();
        History.RemoveAll(old.Contains);
        return Task.CompletedTask;
    }

    public Task<int> ClearWatchHistoryAsync(Guid userId, CancellationToken ct) =>
        Task.FromResult(History.RemoveAll(e => e.UserId == userId));

    public Task<bool> RemoveFromWatchHistoryAsync(Guid userId, Guid videoId, CancellationToken ct) =>
        Task.FromResult(History.RemoveAll(e => e.UserId == userId && e.VideoId == videoId) > 0);

    public Task<int> PruneViewRecordsAsync(DateTimeOffset before, CancellationToken ct)
    {
        var old = Views.Where(v => v.Value < before).Select(v => v.Key).ToList();
        old.ForEach(k => Views.Remove(k));
        return Task.FromResult(old.Count);
    }
}
