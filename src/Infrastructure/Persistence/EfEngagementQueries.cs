using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Channels;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>The engagement lists as keyset pages, and the batch look-ups behind the GraphQL batch loader. Queries
/// read without tracking.</summary>
internal sealed class EfEngagementQueries(AppDbContext db)
    : IVideoQueries,
        IChannelQueries,
        ICommentQueries,
        IPlaylistQueries,
        IWatchHistoryQueries
{
    public async Task<Page<Video>> VideosAsync(VideoQuery query, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var videos = Listed(query.ViewerId);
        if (query.OwnerId is { } owner)
        {
            videos = videos.Where(v => v.OwnerId == owner);
        }

        var search = query.Search?.Trim();
        if (string.IsNullOrEmpty(search))
        {
            return await Ordered(
                videos,
                query.Order == VideoOrder.Relevance ? VideoOrder.Newest : query.Order,
                page,
                "videos",
                ct
            );
        }

        if (db is PostgresDbContext)
        {
            var matching =
                from v in videos
                where
                    EF.Property<NpgsqlTsVector>(v, PostgresDbContext.SearchVector)
                        .Matches(EF.Functions.WebSearchToTsQuery("simple", search))
                select new RankedVideo
                {
                    Video = v,
                    Rank = EF.Property<NpgsqlTsVector>(v, PostgresDbContext.SearchVector)
                        .Rank(EF.Functions.WebSearchToTsQuery("simple", search)),
                };
            if (query.Order == VideoOrder.Relevance)
            {
                // The rank is selected with the row, so the cursor can hold it.
                var rankedPage = await Keyset.PageAsync(
                    matching,
                    Ranked.Key,
                    Ranked.Id,
                    true,
                    page,
                    "rank:" + Tag(search),
                    ct
                );
                return rankedPage.Map(r => r.Video);
            }

            videos = matching.Select(r => r.Video);
        }
        else
        {
            // SQLite: a case-insensitive substring match; relevance falls back to newest first.
            var pattern =
                "%"
                + search
                    .Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal)
                    .Replace("_", "\\_", StringComparison.Ordinal)
                + "%";
            videos = videos.Where(v =>
                EF.Functions.Like(v.Title, pattern, "\\") || EF.Functions.Like(v.Description!, pattern, "\\")
            );
        }

        return await Ordered(
            videos,
            query.Order == VideoOrder.Relevance ? VideoOrder.Newest : query.Order,
            page,
            "search:" + Tag(search),
            ct
        );
    }

    public Task<Page<Video>> FeedAsync(Guid userId, PageRequest page, CancellationToken ct)
    {
        var videos = db
            .Videos.AsNoTracking()
            .Where(v =>
                v.Status == VideoStatus.Ready
                && v.Visibility == Visibility.Public
                && db.ChannelSubscriptions.Any(s => s.SubscriberId == userId && s.ChannelId == v.OwnerId)
            );
        return Keyset.PageAsync(videos, Videos.Created, Videos.Id, true, page, "feed", ct);
    }

    public async Task<Page<User>> SubscriptionsAsync(Guid subscriberId, PageRequest page, CancellationToken ct)
    {
        var rows = await Keyset.PageAsync(
            db.ChannelSubscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriberId),
            Keys.SubscribedAt,
            Keys.Channel,
            true,
            page,
            "subscriptions",
            ct
        );
        var users = await UsersAsync([.. rows.Edges.Select(e => e.Node.ChannelId)], ct);
        return rows.Map(s => users[s.ChannelId]);
    }

    public async Task<Page<User>> SubscribersAsync(Guid channelId, PageRequest page, CancellationToken ct)
    {
        var rows = await Keyset.PageAsync(
            db.ChannelSubscriptions.AsNoTracking().Where(s => s.ChannelId == channelId),
            Keys.SubscribedAt,
            Keys.Subscriber,
            true,
            page,
            "subscribers",
            ct
        );
        var users = await UsersAsync([.. rows.Edges.Select(e => e.Node.SubscriberId)], ct);
        return rows.Map(s => users[s.SubscriberId]);
    }

    public Task<Page<Comment>> CommentsAsync(Guid videoId, Guid? parentId, PageRequest page, CancellationToken ct)
    {
        var comments = db.Comments.AsNoTracking().Where(c => c.VideoId == videoId && c.ParentId == parentId);
        return Keyset.PageAsync(
            comments,
            Keys.CommentedAt,
            Keys.Comment,
            descending: parentId is null,
            page,
            parentId is null ? "comments" : "replies",
            ct
        );
    }

    public Task<Page<Playlist>> PlaylistsAsync(Guid ownerId, Guid? viewerId, PageRequest page, CancellationToken ct)
    {
        var playlists = db
            .Playlists.AsNoTracking()
            .Where(p => p.OwnerId == ownerId)
            .Where(Playlist.ListedFor(viewerId));
        return Keyset.PageAsync(playlists, Keys.PlaylistCreated, Keys.Playlist, true, page, "playlists", ct);
    }

    public async Task<Page<PlaylistEntry>> PlaylistItemsAsync(
        Guid playlistId,
        Guid? viewerId,
        PageRequest page,
        CancellationToken ct
    )
    {
        var rows =
            from item in db.PlaylistItems.AsNoTracking()
            join video in Listed(viewerId) on item.VideoId equals video.Id
            where item.PlaylistId == playlistId
            select new PlaylistRow { Item = item, Video = video };
        var result = await Keyset.PageAsync(rows, Keys.Position, Keys.ItemVideo, false, page, "playlist-items", ct);
        return result.Map(r => new PlaylistEntry(r.Item, r.Video));
    }

    public async Task<Page<WatchedVideo>> WatchHistoryAsync(Guid userId, PageRequest page, CancellationToken ct)
    {
        var rows =
            from entry in db.WatchHistory.AsNoTracking()
            join video in Listed(userId) on entry.VideoId equals video.Id
            where entry.UserId == userId
            select new HistoryRow { Entry = entry, Video = video };
        var result = await Keyset.PageAsync(rows, Keys.WatchedAt, Keys.Watch, true, page, "history", ct);
        return result.Map(r => new WatchedVideo(r.Entry, r.Video));
    }

    public async Task<ChannelTotals> ChannelTotalsAsync(Guid ownerId, CancellationToken ct)
    {
        // One statement, each figure from its own aggregate over the owner's rows: no join multiplies another.
        var totals = await db
            .Users.AsNoTracking()
            .Where(u => u.Id == ownerId)
            .Select(u => new
            {
                Videos = db.Videos.Count(v => v.OwnerId == ownerId),
                Views = db.Videos.Where(v => v.OwnerId == ownerId).Sum(v => (long?)v.ViewCount) ?? 0,
                Likes = db.Videos.Where(v => v.OwnerId == ownerId).Sum(v => (long?)v.LikeCount) ?? 0,
                Comments = db.Videos.Where(v => v.OwnerId == ownerId).Sum(v => (long?)v.CommentCount) ?? 0,
                u.SubscriberCount,
            })
            .FirstOrDefaultAsync(ct);
        return totals is null
            ? new ChannelTotals(0, 0, 0, 0, 0)
            : new ChannelTotals(totals.Videos, totals.Views, totals.Likes, totals.Comments, totals.SubscriberCount);
    }

    public async Task<IReadOnlyDictionary<Guid, User>> UsersAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    ) =>
        ids.Count == 0
            ? new Dictionary<Guid, User>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);

    public async Task<IReadOnlyDictionary<Guid, Video>> VideosByIdAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    ) =>
        ids.Count == 0
            ? new Dictionary<Guid, Video>()
            : await db.Videos.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);

    public async Task<IReadOnlySet<Guid>> LikedVideosAsync(
        Guid userId,
        IReadOnlyCollection<Guid> videoIds,
        CancellationToken ct
    ) =>
        videoIds.Count == 0
            ? new HashSet<Guid>()
            : (
                await db
                    .VideoLikes.Where(l => l.UserId == userId && videoIds.Contains(l.VideoId))
                    .Select(l => l.VideoId)
                    .ToListAsync(ct)
            ).ToHashSet();

    public async Task<IReadOnlySet<Guid>> LikedCommentsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> commentIds,
        CancellationToken ct
    ) =>
        commentIds.Count == 0
            ? new HashSet<Guid>()
            : (
                await db
                    .CommentLikes.Where(l => l.UserId == userId && commentIds.Contains(l.CommentId))
                    .Select(l => l.CommentId)
                    .ToListAsync(ct)
            ).ToHashSet();

    public async Task<IReadOnlySet<Guid>> SubscribedChannelsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> channelIds,
        CancellationToken ct
    ) =>
        channelIds.Count == 0
            ? new HashSet<Guid>()
            : (
                await db
                    .ChannelSubscriptions.Where(s => s.SubscriberId == userId && channelIds.Contains(s.ChannelId))
                    .Select(s => s.ChannelId)
                    .ToListAsync(ct)
            ).ToHashSet();

    /// <summary>Videos a list may show to <paramref name="viewer"/>: READY and PUBLIC, or their own.</summary>
    private IQueryable<Video> Listed(Guid? viewer) => db.Videos.AsNoTracking().Where(Video.ListedFor(viewer));

    private static Task<Page<Video>> Ordered(
        IQueryable<Video> videos,
        VideoOrder order,
        PageRequest page,
        string list,
        CancellationToken ct
    ) =>
        order switch
        {
            VideoOrder.MostViewed => Keyset.PageAsync(videos, Videos.Views, Videos.Id, true, page, list + ":views", ct),
            VideoOrder.Oldest => Keyset.PageAsync(videos, Videos.Created, Videos.Id, false, page, list + ":oldest", ct),
            _ => Keyset.PageAsync(videos, Videos.Created, Videos.Id, true, page, list + ":newest", ct),
        };

    // Key expressions are built once: Keyset compiles each once to read cursors from rows.
    private static class Videos
    {
        public static readonly Expression<Func<Video, DateTimeOffset>> Created = v => v.CreatedAt;
        public static readonly Expression<Func<Video, long>> Views = v => v.ViewCount;
        public static readonly Expression<Func<Video, Guid>> Id = v => v.Id;
    }

    private static class Keys
    {
        public static readonly Expression<Func<ChannelSubscription, DateTimeOffset>> SubscribedAt = s => s.CreatedAt;
        public static readonly Expression<Func<ChannelSubscription, Guid>> Channel = s => s.ChannelId;
        public static readonly Expression<Func<ChannelSubscription, Guid>> Subscriber = s => s.SubscriberId;
        public static readonly Expression<Func<Comment, DateTimeOffset>> CommentedAt = c => c.CreatedAt;
        public static readonly Expression<Func<Comment, Guid>> Comment = c => c.Id;
        public static readonly Expression<Func<Playlist, DateTimeOffset>> PlaylistCreated = p => p.CreatedAt;
        public static readonly Expression<Func<Playlist, Guid>> Playlist = p => p.Id;
        public static readonly Expression<Func<PlaylistRow, long>> Position = r => r.Item.Position;
        public static readonly Expression<Func<PlaylistRow, Guid>> ItemVideo = r => r.Item.VideoId;
        public static readonly Expression<Func<HistoryRow, DateTimeOffset>> WatchedAt = r => r.Entry.WatchedAt;
        public static readonly Expression<Func<HistoryRow, Guid>> Watch = r => r.Entry.Id;
    }

    private static class Ranked
    {
        public static readonly Expression<Func<RankedVideo, float>> Key = r => r.Rank;
        public static readonly Expression<Func<RankedVideo, Guid>> Id = r => r.Video.Id;
    }

    /// <summary>A search's cursors hold a digest of its text, so they work only with the same search.</summary>
    private static string Tag(string search) =>
        Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(search))
        )[..16];

    private sealed class RankedVideo
    {
        public Video Video { get; init; } = null!;

        public float Rank { get; init; }
    }

    private sealed class PlaylistRow
    {
        public PlaylistItem Item { get; init; } = null!;

        public Video Video { get; init; } = null!;
    }

    private sealed class HistoryRow
    {
        public WatchEntry Entry { get; init; } = null!;

        public Video Video { get; init; } = null!;
    }
}
