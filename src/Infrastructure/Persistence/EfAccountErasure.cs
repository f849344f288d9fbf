using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Erases an account in one transaction: its likes, comments and subscriptions come off other people's
/// counters, then the user row goes, and with it (the database cascades) every row that belongs to it.</summary>
internal sealed class EfAccountErasure(AppDbContext db) : IAccountErasure
{
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
}
