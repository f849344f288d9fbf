using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A video as the caller may see it; one the caller may not see does not exist for them (null).</summary>
public sealed class GetVideo(IVideoStore videos, ICurrentUser caller)
{
    public async Task<Video?> Handle(Guid id, CancellationToken ct) =>
        await videos.FindVideoAsync(id, ct) is { } video && VideoAccess.CanView(video, caller.UserId) ? video : null;
}
