using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;

namespace StreamEngine.Application.Engagement;

/// <summary>A comment, when the caller may see the video it is on; else null.</summary>
public sealed class GetComment(VisibleComment visible, ICurrentUser caller)
{
    public Task<Comment?> Handle(Guid id, CancellationToken ct) => visible.FindAsync(id, caller.UserId, ct);
}
