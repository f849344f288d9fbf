using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;

namespace StreamEngine.Application.Engagement;

/// <summary>What the caller watched, latest first.</summary>
public sealed class GetWatchHistory(IWatchHistoryQueries queries, RequireUser signedIn)
{
    public Task<Result<Page<WatchedVideo>>> Handle(PageRequest page, CancellationToken ct) =>
        signedIn.Run(userId => Pages.RunAsync(page, () => queries.WatchHistoryAsync(userId, page, ct)));
}
