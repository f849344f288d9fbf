using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Likes, with the liked row's count moved in the same transaction.</summary>
internal sealed class EfLikeStore(AppDbContext db) : ILikeStore
{
    public Task<bool> LikeVideoAsync(Guid userId, Guid videoId, DateTimeOffset now, CancellationToken ct) =>
        CountedWrites.InsertAsync(
            db,
            new VideoLike(userId, videoId, now),
            () =>
                db
                    .Videos.Where(v => v.Id == videoId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.LikeCount, v => v.LikeCount + 1), ct),
            ct
        );

    public Task<bool> UnlikeVideoAsync(Guid userId, Guid videoId, CancellationToken ct) =>
        CountedWrites.DeleteAsync(
            db,
            db.VideoLikes.Where(l => l.UserId == userId && l.VideoId == videoId),
            () =>
                db
                    .Videos.Where(v => v.Id == videoId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.LikeCount, v => v.LikeCount - 1), ct),
            ct
        );

    public Task<bool> LikeCommentAsync(Guid userId, Guid commentId, DateTimeOffset now, CancellationToken ct) =>
        CountedWrites.InsertAsync(
            db,
            new CommentLike(userId, commentId, now),
            () =>
                db
                    .Comments.Where(c => c.Id == commentId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LikeCount, c => c.LikeCount + 1), ct),
            ct
        );

    public Task<bool> UnlikeCommentAsync(Guid userId, Guid commentId, CancellationToken ct) =>
        CountedWrites.DeleteAsync(
            db,
            db.CommentLikes.Where(l => l.UserId == userId && l.CommentId == commentId),
            () =>
                db
                    .Comments.Where(c => c.Id == commentId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LikeCount, c => c.LikeCount - 1), ct),
            ct
        );
}
