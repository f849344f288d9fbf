namespace StreamEngine.Application.Abstractions;

/// <summary>Views (counted once per viewer per window) and the watch history.</summary>
public interface IViewingStore
{
    /// <summary>Counts a view unless this viewer had one counted within <paramref name="window"/>; true if
    /// counted.</summary>
    Task<bool> CountViewAsync(
        Guid videoId,
        string viewerKey,
        DateTimeOffset now,
        TimeSpan window,
        CancellationToken ct
    );

    /// <summary>Adds a viewing to the history and trims it to the newest <paramref name="keep"/> entries.</summary>
    Task RecordWatchAsync(Guid userId, Guid videoId, DateTimeOffset now, int keep, CancellationToken ct);

    Task<int> ClearWatchHistoryAsync(Guid userId, CancellationToken ct);

    Task<bool> RemoveFromWatchHistoryAsync(Guid userId, Guid videoId, CancellationToken ct);

    /// <summary>Forgets view records older than <paramref name="before"/> (they no longer hold a view back).</summary>
    Task<int> PruneViewRecordsAsync(DateTimeOffset before, CancellationToken ct);
}
