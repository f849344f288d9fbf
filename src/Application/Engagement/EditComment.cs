using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Engagement;

public sealed record EditCommentRequest(Guid CommentId, string? Body);

/// <summary>Changes a comment's text; its author only.</summary>
public sealed class EditComment(ICommentStore comments, VisibleComment visible, RequireUser signedIn, IClock clock)
{
    public Task<Result<Comment>> Handle(EditCommentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run(userId => EditAsync(userId, request, ct));
    }

    private async Task<Result<Comment>> EditAsync(Guid userId, EditCommentRequest request, CancellationToken ct)
    {
        if (await visible.FindAsync(request.CommentId, userId, ct) is not { } comment)
        {
            return EngagementErrors.CommentNotFound;
        }

        if (comment.AuthorId != userId)
        {
            return VideoErrors.NotOwner with { Message = "Only the author may edit a comment." };
        }

        if (Comment.NormalizeBody(request.Body) is not { } text)
        {
            return EngagementErrors.InvalidComment;
        }

        await comments.EditCommentAsync(request.CommentId, text, clock.UtcNow, ct);
        return (await comments.FindCommentAsync(request.CommentId, ct))!;
    }
}
