using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Comment threads as keyset pages, and which comments a user likes.</summary>
internal sealed class EfCommentQueries(AppDbContext db) : ICommentQueries
{
    public Task<Page<Comment>> CommentsAsync(Guid videoId, Guid? parentId, PageRequest page, CancellationToken ct)
    {
        var comments = db.Comments.AsNoTracking().Where(c => c.VideoId == videoId && c.ParentId == parentId);
        return Keyset.PageAsync(
            comments,
            ReadModel.CommentedAt,
            ReadModel.Comment,
            descending: parentId is null,
            page,
            parentId is null ? "comments" : "replies",
            ct
        );
    }

    public async Task<IReadOnlyDictionary<Guid, Comment>> CommentsByIdAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    ) =>
        ids.Count == 0
            ? new Dictionary<Guid, Comment>()
            : await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

    public string CursorOf(Comment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return Keyset.Cursor(comment.ParentId is null ? "comments" : "replies", comment.CreatedAt, comment.Id);
    }

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
}
