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

        var size = page.Size;
        var (viewer, owner) = (query.ViewerId, query.OwnerId);
        var rows = new List<ListedVideo>(size + 1);
        var compiled = PerProvider.GetOrAdd(db.GetType(), _ => new Compiled());
        IAsyncEnumerable<ListedVideo> read;
        if (page.After is { } after)
        {
            var (key, id) = Keyset.Decode<DateTimeOffset>(after, List);
            read = query.WithOwners
                ? compiled.AfterWithOwners(db, viewer, owner, key, id, size + 1)
                : compiled.After(db, viewer, owner, key, id, size + 1);
        }
        else
        {
            read = query.WithOwners
                ? compiled.FirstWithOwners(db, viewer, owner, size + 1)
                : compiled.First(db, viewer, owner, size + 1);
        }

        await foreach (var row in read.WithCancellation(ct))
        {
            rows.Add(row);
        }

        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var edges = new List<Edge<ListedVideo>>(rows.Count);
        foreach (var row in rows)
        {
            edges.Add(new Edge<ListedVideo>(row, Keyset.Cursor(List, row.Video.CreatedAt, row.Video.Id)));
        }

        return new Page<ListedVideo>(edges, more, page.After is not null, total);
    }

    // EF Core binds a compiled query to the provider of the first context that runs it: one set per provider (a
    // process has one, but the tests run SQLite and PostgreSQL side by side).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Compiled> PerProvider = new();

    private sealed class Compiled
    {
        public readonly Func<AppDbContext, Guid?, Guid?, int, IAsyncEnumerable<ListedVideo>> First =
            EF.CompileAsyncQuery(
                (AppDbContext db, Guid? viewer, Guid? owner, int take) =>
                    db
                        .Videos.AsNoTracking()
                        .Where(v =>
                            (
                                (v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public)
                                || v.OwnerId == viewer
                            ) && (owner == null || v.OwnerId == owner)
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
        > After = EF.CompileAsyncQuery(
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

        public readonly Func<AppDbContext, Guid?, Guid?, int, IAsyncEnumerable<ListedVideo>> FirstWithOwners =
            EF.CompileAsyncQuery(
                (AppDbContext db, Guid? viewer, Guid? owner, int take) =>
                    db
                        .Videos.AsNoTracking()
                        .Where(v =>
                            (
                                (v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public)
                                || v.OwnerId == viewer
                            ) && (owner == null || v.OwnerId == owner)
                        )
                        .Join(db.Users, v => v.OwnerId, u => u.Id, (v, u) => new { v, u })
                        .OrderByDescending(r => r.v.CreatedAt)
                        .ThenByDescending(r => r.v.Id)
                        .Take(take)
                        .Select(r => new ListedVideo(r.v, r.u))
            );

        public readonly Func<
            AppDbContext,
            Guid?,
            Guid?,
            DateTimeOffset,
            Guid,
            int,
            IAsyncEnumerable<ListedVideo>
        > AfterWithOwners = EF.CompileAsyncQuery(
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
