using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>What every remote pipeline's reconciler shares: each pass finds the videos PROCESSING with no news for
/// <see cref="PipelineOptions.ReconcileAfter"/>, no start owed and no job of ours still at work, and asks the pipeline
/// about each (at most once per that delay, so a long RUNNING encode is not asked every pass).</summary>
internal abstract class PipelineReconciler(
    IServiceScopeFactory scopes,
    IClock clock,
    IOptions<PipelineOptions> pipeline
) : PeriodicPass
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lookAgainAt = new();

    protected IServiceScopeFactory Scopes => scopes;

    protected IClock Clock => clock;

    protected PipelineOptions Pipeline => pipeline.Value;

    protected override TimeSpan Interval => pipeline.Value.ReconcileInterval;

    /// <summary>Asks the pipeline about one quiet video and acts on the answer.</summary>
    protected abstract Task ReconcileAsync(Guid videoId, DateTimeOffset quietSince, CancellationToken ct);

    protected sealed override async Task RunPassAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var cutoff = now - pipeline.Value.ReconcileAfter;
        Dictionary<Guid, DateTimeOffset> quiet;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            quiet = (
                await db
                    .Videos.AsNoTracking()
                    .Where(v =>
                        v.Status == VideoStatus.Processing
                        && v.UpdatedAt < cutoff
                        && !db.PipelineStarts.Any(s => s.VideoId == v.Id)
                        && !db.TranscodeJobs.Any(j =>
                            j.VideoId == v.Id
                            && (j.State == TranscodeJobState.Queued || j.State == TranscodeJobState.Running)
                        )
                    )
                    .OrderBy(v => v.UpdatedAt)
                    .Select(v => new { v.Id, v.UpdatedAt })
                    .Take(100)
                    .ToListAsync(ct)
            ).ToDictionary(v => v.Id, v => v.UpdatedAt);
        }

        foreach (var (videoId, quietSince) in quiet)
        {
            if (_lookAgainAt.TryGetValue(videoId, out var at) && at > now)
            {
                continue;
            }

            await ReconcileAsync(videoId, quietSince, ct);
            _lookAgainAt[videoId] = now + pipeline.Value.ReconcileAfter;
        }

        foreach (var gone in _lookAgainAt.Keys.Where(id => !quiet.ContainsKey(id)).ToList())
        {
            _lookAgainAt.TryRemove(gone, out _);
        }
    }
}
