using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Engagement;

/// <summary>A comment exists for a caller only when they may see its video.</summary>
public sealed class VisibleComment(ICommentStore comments, IVideoStore videos)
{
    /// <summary>The comment, when the video it is on is one <paramref name="userId"/> may see; else null.</summary>
    public async Task<Comment?> FindAsync(Guid commentId, Guid? userId, CancellationToken ct) =>
        await comments.FindCommentAsync(commentId, ct) is { } comment
        && await videos.FindVideoAsync(comment.VideoId, ct) is { } video
        && VideoAccess.CanView(video, userId)
            ? comment
            : null;
}
