using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

/// <summary>Sweeps uploads that expired unfinished: their bytes and their waiting videos go. Batch after batch until
/// none is left or <see cref="TimeBudget"/> is spent, so a backlog of any size clears in one pass.</summary>
public sealed class ExpireUploads(IVideoStore videos, IUploadSessionStore uploads, IObjectStorage storage, IClock clock)
{
    public const int BatchSize = 100;

    public static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(2);

    public async Task<int> Handle(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = 0;
        while (true)
        {
            var now = clock.UtcNow;
            var expired = await uploads.ListExpiredOpenUploadsAsync(now, BatchSize, ct);
            foreach (var session in expired)
            {
                await UploadCleanup.DiscardAsync(session, videos, storage, now, ct);
            }

            await videos.SaveChangesAsync(ct);
            total += expired.Count;
            if (expired.Count < BatchSize || System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeBudget)
            {
                return total;
            }
        }
    }
}
