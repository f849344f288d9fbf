using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Engagement;

/// <param name="ParentId">Null for the video's top-level comments (newest first), else that comment's replies.</param>
public sealed record ListCommentsRequest(Video Video, Guid? ParentId, PageRequest Page);

/// <summary>A video's comments or a comment's replies, as a page; none for a video the caller may not see.</summary>
public sealed class ListComments(ICommentQueries queries, ICurrentUser caller)
{
    public async Task<Result<Page<Comment>>> Handle(ListCommentsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return VideoAccess.CanView(request.Video, caller.UserId)
            ? await Pages.RunAsync(
                request.Page,
                () => queries.CommentsAsync(request.Video.Id, request.ParentId, request.Page, ct)
            )
            : Page<Comment>.Empty;
    }
}
