using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Engagement;

/// <summary>Deletes a comment with its replies: its author may, and so may the owner of the video it is on. Returns
/// the deleted comment, so a transport can show what changed (its video, its parent).</summary>
public sealed class DeleteComment(
    IVideoStore videos,
    ICommentStore comments,
    VisibleComment visible,
    RequireUser signedIn
)
{
    public Task<Result<Comment>> Handle(Guid commentId, CancellationToken ct) =>
        signedIn.Run(userId => DeleteAsync(userId, commentId, ct));

    private async Task<Result<Comment>> DeleteAsync(Guid userId, Guid commentId, CancellationToken ct)
    {
        if (await visible.FindAsync(commentId, userId, ct) is not { } comment)
        {
            return EngagementErrors.CommentNotFound;
        }

        var video = await videos.FindVideoAsync(comment.VideoId, ct);
        if (comment.AuthorId != userId && video?.OwnerId != userId)
        {
            return VideoErrors.NotOwner with { Message = "Only the author or the video's owner may delete a comment." };
        }

        await comments.DeleteCommentAsync(comment, ct);
        return comment;
    }
}
