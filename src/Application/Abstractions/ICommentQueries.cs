using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Abstractions;

/// <summary>Comment threads as pages, and which of them a user likes (one statement per batch).</summary>
public interface ICommentQueries
{
    /// <summary>Top-level comments of a video (newest first), or replies of a comment (oldest first).</summary>
    Task<Page<Comment>> CommentsAsync(Guid videoId, Guid? parentId, PageRequest page, CancellationToken ct);

    /// <summary>Comments by id, one statement for the batch (visibility is the caller's to check).</summary>
    Task<IReadOnlyDictionary<Guid, Comment>> CommentsByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>The cursor of a comment in the list it belongs to (a video's comments, or a comment's replies), so a
    /// new comment can be handed back as an edge.</summary>
    string CursorOf(Comment comment);

    Task<IReadOnlySet<Guid>> LikedCommentsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> commentIds,
        CancellationToken ct
    );
}
