using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Engagement;

/// <param name="ParentId">The top-level comment this replies to; replies go one level deep.</param>
public sealed record AddCommentRequest(Guid VideoId, Guid? ParentId, string? Body);

/// <summary>Anyone who may watch a READY video may comment on it and reply to its top-level comments.</summary>
public sealed class AddComment(IVideoStore videos, ICommentStore comments, RequireUser signedIn, IClock clock)
{
    public Task<Result<Comment>> Handle(AddCommentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run(userId => AddAsync(userId, request, ct));
    }

    private async Task<Result<Comment>> AddAsync(Guid userId, AddCommentRequest request, CancellationToken ct)
    {
        if (await VideoAccess.FindWatchableAsync(videos, request.VideoId, userId, ct) is null)
        {
            return VideoErrors.NotFound;
        }

        if (Comment.NormalizeBody(request.Body) is not { } text)
        {
            return EngagementErrors.InvalidComment;
        }

        Comment? parent = null;
        if (request.ParentId is { } id)
        {
            parent = await comments.FindCommentAsync(id, ct);
            if (parent is null || parent.VideoId != request.VideoId)
            {
                return EngagementErrors.CommentNotFound with { Field = "parentId" };
            }

            if (parent.ParentId is not null)
            {
                return EngagementErrors.ReplyTooDeep;
            }
        }

        var comment = Comment.Create(request.VideoId, userId, parent, text, clock.UtcNow);
        await comments.AddCommentAsync(comment, ct);
        return await comments.FindCommentAsync(comment.Id, ct) is { } saved ? saved : comment;
    }
}
