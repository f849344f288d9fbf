using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Abstractions;

/// <summary>Comment threads as pages, and which of them a user likes (one statement per batch).</summary>
public interface ICommentQueries
{
    /// <summary>Top-level comments of a video (newest first), or replies of a comment (oldest first).</summary>
    Task<Page<Comment>> CommentsAsync(Guid videoId, Guid? parentId, PageRequest page, CancellationToken ct);

    Task<IReadOnlySet<Guid>> LikedCommentsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> commentIds,
        CancellationToken ct
    );
}
