using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Comments, with the video's comment count and the parent's reply count kept right.</summary>
internal sealed class EfCommentStore(AppDbContext db) : ICommentStore
{
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
}
