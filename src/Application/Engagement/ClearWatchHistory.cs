using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;

namespace StreamEngine.Application.Engagement;

/// <summary>Clears the caller's watch history, or removes one video from it; answers how many entries went.</summary>
public sealed class ClearWatchHistory(IViewingStore viewings, RequireUser signedIn)
{
    public Task<Result<int>> Handle(Guid? videoId, CancellationToken ct) =>
        signedIn.Run<int>(async userId =>
            videoId is { } id
                ? await viewings.RemoveFromWatchHistoryAsync(userId, id, ct)
                    ? 1
                    : 0
                : await viewings.ClearWatchHistoryAsync(userId, ct)
        );
}
