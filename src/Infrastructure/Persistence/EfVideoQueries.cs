using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>The video lists as keyset pages (search ranked by relevance), a channel's totals, and the batch look-ups
/// behind the GraphQL batch loader. Reads without tracking.</summary>
internal sealed class EfVideoQueries(AppDbContext db) : IVideoQueries
{
    public async Task<Page<ListedVideo>> VideosAsync(VideoQuery query, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var search = query.Search?.Trim();
        if (
            string.IsNullOrEmpty(search)
            && query.Order is VideoOrder.Newest or VideoOrder.Relevance
            && NewestListed.Covers(page)
        )
        {
            return await NewestListed.PageAsync(db, query, page, ct);
        }

        return (await ListAsync(query, search, page, ct)).Map(v => new ListedVideo(v, null));
    }

    private async Task<Page<Video>> ListAsync(VideoQuery query, string? search, PageRequest page, CancellationToken ct)
    {
        var videos = ReadModel.Listed(db, query.ViewerId);
        if (query.OwnerId is { } owner)
        {
            videos = videos.Where(v => v.OwnerId == owner);
        }

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

        if (db is PostgresDbContext postgres)
        {
            var matching =
                from v in videos
                join s in postgres.SearchVectors on v.Id equals s.Id
                where s.Vector.Matches(EF.Functions.WebSearchToTsQuery("simple", search))
                select new RankedVideo
                {
                    Video = v,
                    Rank = s.Vector.Rank(EF.Functions.WebSearchToTsQuery("simple", search)),
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
}
