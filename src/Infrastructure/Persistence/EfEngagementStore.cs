using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Channels;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Engagement writes: each a transaction in which the row changes and the counters they affect move
/// together, with atomic increments (<c>SET n = n + 1</c>), so concurrent likes never lose one. A duplicate row
/// (a second like) is caught by the unique key and changes nothing.</summary>
internal sealed class EfEngagementStore(AppDbContext db)
    : ISubscriptionStore,
        ILikeStore,
        ICommentStore,
        IPlaylistStore,
        IViewingStore,
        IAccountErasure
{
    public Task<bool> SubscribeAsync(Guid subscriberId, Guid channelId, DateTimeOffset now, CancellationToken ct) =>
        InsertCountedAsync(
            new ChannelSubscription(subscriberId, channelId, now),
            () =>
                db
                    .Users.Where(u => u.Id == channelId)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriberCount, u => u.SubscriberCount + 1), ct),
            ct
        );

    public Task<bool> UnsubscribeAsync(Guid subscriberId, Guid channelId, CancellationToken ct) =>
        DeleteCountedAsync(
            db.ChannelSubscriptions.Where(s => s.SubscriberId == subscriberId && s.ChannelId == channelId),
            () =>
                db
                    .Users.Where(u => u.Id == channelId)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriberCount, u => u.SubscriberCount - 1), ct),
            ct
        );

    public Task<bool> LikeVideoAsync(Guid userId, Guid videoId, DateTimeOffset now, CancellationToken ct) =>
        InsertCountedAsync(
            new VideoLike(userId, videoId, now),
            () =>
                db
                    .Videos.Where(v => v.Id == videoId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.LikeCount, v => v.LikeCount + 1), ct),
            ct
        );

    public Task<bool> UnlikeVideoAsync(Guid userId, Guid videoId, CancellationToken ct) =>
        DeleteCountedAsync(
            db.VideoLikes.Where(l => l.UserId == userId && l.VideoId == videoId),
            () =>
                db
                    .Videos.Where(v => v.Id == videoId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.LikeCount, v => v.LikeCount - 1), ct),
            ct
        );

    public Task<bool> LikeCommentAsync(Guid userId, Guid commentId, DateTimeOffset now, CancellationToken ct) =>
        InsertCountedAsync(
            new CommentLike(userId, commentId, now),
            () =>
                db
                    .Comments.Where(c => c.Id == commentId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LikeCount, c => c.LikeCount + 1), ct),
            ct
        );

    public Task<bool> UnlikeCommentAsync(Guid userId, Guid commentId, CancellationToken ct) =>
        DeleteCountedAsync(
            db.CommentLikes.Where(l => l.UserId == userId && l.CommentId == commentId),
            () =>
                db
                    .Comments.Where(c => c.Id == commentId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LikeCount, c => c.LikeCount - 1), ct),
            ct
        );

    public Task<Comment?> FindCommentAsync(Guid id, CancellationToken ct) =>
        db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task AddCommentAsync(Comment comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Comments.Add(comment);
        await EfSave.SaveAsync(db, ct);
        db.Entry(comment).State = EntityState.Detached;
        await db
            .Videos.Where(v => v.Id == comment.VideoId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.CommentCount, v => v.CommentCount + 1), ct);
        if (comment.ParentId is { } parent)
        {
            await db
                .Comments.Where(c => c.Id == parent)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReplyCount, c => c.ReplyCount + 1), ct);
        }

        await tx.CommitAsync(ct);
    }

    public async Task EditCommentAsync(Guid commentId, string body, DateTimeOffset now, CancellationToken ct) =>
        await db
            .Comments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Body, body).SetProperty(c => c.EditedAt, now), ct);

    public async Task DeleteCommentAsync(Comment comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Replies and likes go with the comment (the database cascades); the video's count loses them all.
        var replies = await db.Comments.CountAsync(c => c.ParentId == comment.Id, ct);
        var deleted = await db.Comments.Where(c => c.Id == comment.Id).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            var removed = deleted + replies;
            await db
                .Videos.Where(v => v.Id == comment.VideoId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CommentCount, v => v.CommentCount - removed), ct);
            if (comment.ParentId is { } parent)
            {
                await db
                    .Comments.Where(c => c.Id == parent)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReplyCount, c => c.ReplyCount - 1), ct);
            }
        }

        await tx.CommitAsync(ct);
    }

    public Task<Playlist?> FindPlaylistAsync(Guid id, CancellationToken ct) =>
        db.Playlists.FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task AddPlaylistAsync(Playlist playlist, CancellationToken ct)
    {
        db.Playlists.Add(playlist);
        await EfSave.SaveAsync(db, ct);
    }

    public Task SavePlaylistAsync(Playlist playlist, CancellationToken ct) => EfSave.SaveAsync(db, ct);

    public async Task DeletePlaylistAsync(Guid playlistId, CancellationToken ct) =>
        await db.Playlists.Where(p => p.Id == playlistId).ExecuteDeleteAsync(ct);

    public async Task<PlaylistAddition> AddPlaylistItemAsync(
        Guid playlistId,
        Guid videoId,
        int? index,
        int maxItems,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var items = await LockedItemsAsync(playlistId, now, ct);
        if (items.Any(i => i.VideoId == videoId))
        {
            return PlaylistAddition.AlreadyThere;
        }

        if (items.Count >= maxItems)
        {
            return PlaylistAddition.Full;
        }

        var item = new PlaylistItem(playlistId, videoId, 0, now);
        items.Insert(Math.Clamp(index ?? items.Count, 0, items.Count), item);
        db.PlaylistItems.Add(item);
        Renumber(items);
        try
        {
            await EfSave.SaveAsync(db, ct);
        }
        catch (DuplicateKeyException)
        {
            return PlaylistAddition.AlreadyThere;
        }

        await tx.CommitAsync(ct);
        return PlaylistAddition.Added;
    }

    public async Task<bool> RemovePlaylistItemAsync(Guid playlistId, Guid videoId, CancellationToken ct)
    {
        var removed = await db
            .PlaylistItems.Where(i => i.PlaylistId == playlistId && i.VideoId == videoId)
            .ExecuteDeleteAsync(ct);
        return removed > 0;
    }

    public async Task<bool> MovePlaylistItemAsync(Guid playlistId, Guid videoId, int index, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var items = await LockedItemsAsync(playlistId, null, ct);
        var item = items.Find(i => i.VideoId == videoId);
        if (item is null)
        {
            return false;
        }

        items.Remove(item);
        items.Insert(Math.Clamp(index, 0, items.Count), item);
        Renumber(items);
        await EfSave.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task<int> PruneViewRecordsAsync(DateTimeOffset before, CancellationToken ct) =>
        db.ViewRecords.Where(r => r.CountedAt < before).ExecuteDeleteAsync(ct);

    public async Task<bool> CountViewAsync(
        Guid videoId,
        string viewerKey,
        DateTimeOffset now,
        TimeSpan window,
        CancellationToken ct
    )
    {
        var threshold = now - window;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Only one of two racing requests moves an old record forward (the row is locked and re-read).
        var renewed = await db
            .ViewRecords.Where(r => r.VideoId == videoId && r.ViewerKey == viewerKey && r.CountedAt <= threshold)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CountedAt, now), ct);
        if (renewed == 0)
        {
            if (await db.ViewRecords.AnyAsync(r => r.VideoId == videoId && r.ViewerKey == viewerKey, ct))
            {
                return false;
            }

            db.ViewRecords.Add(new ViewRecord(videoId, viewerKey, now));
            try
            {
                await EfSave.SaveAsync(db, ct);
            }
            catch (DuplicateKeyException)
            {
                return false;
            }
        }

        await db
            .Videos.Where(v => v.Id == videoId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ViewCount, v => v.ViewCount + 1), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task RecordWatchAsync(Guid userId, Guid videoId, DateTimeOffset now, int keep, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // One entry per video, at the time of its latest viewing; the oldest fall off past the bound.
        await db.WatchHistory.Where(w => w.UserId == userId && w.VideoId == videoId).ExecuteDeleteAsync(ct);
        db.WatchHistory.Add(new WatchEntry(Guid.CreateVersion7(now), userId, videoId, now));
        await EfSave.SaveAsync(db, ct);
        var oldestKept = await db
            .WatchHistory.Where(w => w.UserId == userId)
            .OrderByDescending(w => w.WatchedAt)
            .ThenByDescending(w => w.Id)
            .Skip(keep - 1)
            .Select(w => (DateTimeOffset?)w.WatchedAt)
            .FirstOrDefaultAsync(ct);
        if (oldestKept is { } cutoff)
        {
            await db.WatchHistory.Where(w => w.UserId == userId && w.WatchedAt < cutoff).ExecuteDeleteAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    public Task<int> ClearWatchHistoryAsync(Guid userId, CancellationToken ct) =>
        db.WatchHistory.Where(w => w.UserId == userId).ExecuteDeleteAsync(ct);

    public async Task<bool> RemoveFromWatchHistoryAsync(Guid userId, Guid videoId, CancellationToken ct) =>
        await db.WatchHistory.Where(w => w.UserId == userId && w.VideoId == videoId).ExecuteDeleteAsync(ct) > 0;

    public async Task DeleteUserAsync(Guid userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db
            .Users.Where(c => db.ChannelSubscriptions.Any(s => s.SubscriberId == userId && s.ChannelId == c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SubscriberCount, c => c.SubscriberCount - 1), ct);
        await db
            .Videos.Where(v => v.OwnerId != userId && db.VideoLikes.Any(l => l.UserId == userId && l.VideoId == v.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.LikeCount, v => v.LikeCount - 1), ct);
        await db
            .Comments.Where(c =>
                c.AuthorId != userId && db.CommentLikes.Any(l => l.UserId == userId && l.CommentId == c.Id)
            )
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LikeCount, c => c.LikeCount - 1), ct);

        // Others' comments lose the user's replies; others' videos lose the user's comments and every reply to them.
        await db
            .Comments.Where(p =>
                p.AuthorId != userId && db.Comments.Any(r => r.ParentId == p.Id && r.AuthorId == userId)
            )
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(
                        p => p.ReplyCount,
                        p => p.ReplyCount - db.Comments.Count(r => r.ParentId == p.Id && r.AuthorId == userId)
                    ),
                ct
            );
        await db
            .Videos.Where(v => v.OwnerId != userId && db.Comments.Any(c => c.VideoId == v.Id && c.AuthorId == userId))
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(
                        v => v.CommentCount,
                        v =>
                            v.CommentCount
                            - db.Comments.Count(c =>
                                c.VideoId == v.Id
                                && (
                                    c.AuthorId == userId
                                    || db.Comments.Any(p => p.Id == c.ParentId && p.AuthorId == userId)
                                )
                            )
                    ),
                ct
            );
        var viewer = "u:" + userId.ToString("N");
        await db.ViewRecords.Where(r => r.ViewerKey == viewer).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<List<PlaylistItem>> LockedItemsAsync(
        Guid playlistId,
        DateTimeOffset? touch,
        CancellationToken ct
    )
    {
        // Writing the playlist row first locks it: concurrent edits of one playlist take turns.
        await db
            .Playlists.Where(p => p.Id == playlistId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, p => touch ?? p.UpdatedAt), ct);
        return await db
            .PlaylistItems.Where(i => i.PlaylistId == playlistId)
            .OrderBy(i => i.Position)
            .ThenBy(i => i.AddedAt)
            .ToListAsync(ct);
    }

    private static void Renumber(List<PlaylistItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Position != i)
            {
                items[i].MoveTo(i);
            }
        }
    }

    private async Task<bool> InsertCountedAsync<TRow>(TRow row, Func<Task<int>> count, CancellationToken ct)
        where TRow : class
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(row);
        try
        {
            await EfSave.SaveAsync(db, ct);
        }
        catch (DuplicateKeyException)
        {
            return false;
        }

        db.Entry(row).State = EntityState.Detached;
        await count();
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<bool> DeleteCountedAsync<TRow>(
        IQueryable<TRow> rows,
        Func<Task<int>> count,
        CancellationToken ct
    )
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await rows.ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }

        await count();
        await tx.CommitAsync(ct);
        return true;
    }
}
