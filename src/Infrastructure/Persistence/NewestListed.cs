using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>The lists every home and channel page opens with: listed videos newest first, paged forwards, optionally
/// one owner's, optionally with each video's owner joined in. Compiled once (no expression tree is built, walked and
/// hashed per request) and read as one statement; other orders, searches and backwards pages go through
/// <see cref="Keyset"/>. The filter is <see cref="Video.ListedFor"/> written out: EF Core drops the parts of a null
/// viewer or owner from the SQL it sends, so an anonymous list asks exactly for READY and PUBLIC videos.</summary>
internal static class NewestListed
{
    public const string List = "videos:newest";

    /// <summary>Whether a page request is one of these lists' (forwards; the total is counted apart).</summary>
    public static bool Covers(PageRequest page) => !page.Backwards && page.Before is null && page.Size > 0;

    // A first page reads from beyond the newest possible row, so that first and later pages are one statement.
    private static readonly (DateTimeOffset Key, Guid Id) Top = (
        DateTimeOffset.MaxValue,
        Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff")
    );

    public static async Task<Page<ListedVideo>> PageAsync(
        AppDbContext db,
        VideoQuery query,
        PageRequest page,
        CancellationToken ct
    )
    {
        var total = 0;
        if (page.IncludeTotal)
        {
            var listed = ReadModel.Listed(db, query.ViewerId);
            total = await (query.OwnerId is { } id ? listed.Where(v => v.OwnerId == id) : listed).CountAsync(ct);
        }

        var (key, after) = page.After is { } cursor ? Keyset.Decode<DateTimeOffset>(cursor, List) : Top;
        var compiled = PerProvider.GetOrAdd(db.GetType(), _ => new Compiled());
        var (viewer, owner, take) = (query.ViewerId, query.OwnerId, page.Size + 1);
        var read = query.WithOwners
            ? compiled.WithOwners(db, viewer, owner, key, after, take)
            : compiled.Alone(db, viewer, owner, key, after, take);
        var rows = new List<ListedVideo>(take);
        await foreach (var row in read.WithCancellation(ct))
        {
            rows.Add(row);
        }

        return Keyset.ToPage(rows, page, List, r => r.Video.CreatedAt, r => r.Video.Id, total);
    }

    // EF Core binds a compiled query to the provider of the first context that runs it: one set per provider (a
    // process has one, but the tests run SQLite and PostgreSQL side by side).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Compiled> PerProvider = new();

    private sealed class Compiled
    {
        public readonly Func<
            AppDbContext,
            Guid?,
            Guid?,
            DateTimeOffset,
            Guid,
            int,
            IAsyncEnumerable<ListedVideo>
        > Alone = EF.CompileAsyncQuery(
            (AppDbContext db, Guid? viewer, Guid? owner, DateTimeOffset key, Guid id, int take) =>
                db
                    .Videos.AsNoTracking()
                    .Where(v =>
                        ((v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public) || v.OwnerId == viewer)
                        && (owner == null || v.OwnerId == owner)
                        && (v.CreatedAt < key || (v.CreatedAt == key && v.Id.CompareTo(id) < 0))
                    )
                    .OrderByDescending(v => v.CreatedAt)
                    .ThenByDescending(v => v.Id)
                    .Take(take)
                    .Select(v => new ListedVideo(v, null))
        );

        public readonly Func<
            AppDbContext,
            Guid?,
            Guid?,
            DateTimeOffset,
            Guid,
            int,
            IAsyncEnumerable<ListedVideo>
        > WithOwners = EF.CompileAsyncQuery(
            (AppDbContext db, Guid? viewer, Guid? owner, DateTimeOffset key, Guid id, int take) =>
                db
                    .Videos.AsNoTracking()
                    .Where(v =>
                        ((v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public) || v.OwnerId == viewer)
                        && (owner == null || v.OwnerId == owner)
                        && (v.CreatedAt < key || (v.CreatedAt == key && v.Id.CompareTo(id) < 0))
                    )
                    .Join(db.Users, v => v.OwnerId, u => u.Id, (v, u) => new { v, u })
                    .OrderByDescending(r => r.v.CreatedAt)
                    .ThenByDescending(r => r.v.Id)
                    .Take(take)
                    .Select(r => new ListedVideo(r.v, r.u))
        );
    }
}
