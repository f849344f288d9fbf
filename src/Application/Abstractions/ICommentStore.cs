using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Abstractions;

/// <summary>Comments. Each method is one transaction that keeps the affected counters right with atomic
/// increments.</summary>
public interface ICommentStore
{
    Task<Comment?> FindCommentAsync(Guid id, CancellationToken ct);

    Task AddCommentAsync(Comment comment, CancellationToken ct);

    Task EditCommentAsync(Guid commentId, string body, DateTimeOffset now, CancellationToken ct);

    /// <summary>Deletes a comment with its replies and likes.</summary>
    Task DeleteCommentAsync(Comment comment, CancellationToken ct);
}
