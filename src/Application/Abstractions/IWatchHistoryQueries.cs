using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

public sealed record WatchedVideo(WatchEntry Entry, Video Video);

/// <summary>A viewer's watch history as pages, latest first.</summary>
public interface IWatchHistoryQueries
{
    Task<Page<WatchedVideo>> WatchHistoryAsync(Guid userId, PageRequest page, CancellationToken ct);
}
