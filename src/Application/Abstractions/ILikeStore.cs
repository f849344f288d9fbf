namespace StreamEngine.Application.Abstractions;

/// <summary>Likes of videos and comments. Each method is one transaction that keeps the affected counters right with
/// atomic increments; liking twice likes once. True when something changed.</summary>
public interface ILikeStore
{
    Task<bool> LikeVideoAsync(Guid userId, Guid videoId, DateTimeOffset now, CancellationToken ct);

    Task<bool> UnlikeVideoAsync(Guid userId, Guid videoId, CancellationToken ct);

    Task<bool> LikeCommentAsync(Guid userId, Guid commentId, DateTimeOffset now, CancellationToken ct);

    Task<bool> UnlikeCommentAsync(Guid userId, Guid commentId, CancellationToken ct);
}
