using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>A transcode worker that says it is alive: one row per worker process (a server's own worker or a
/// <c>--worker</c> process on another machine), written every <see cref="WorkerHeartbeats.Interval"/> and removed
/// when the worker stops. Operators count the live ones (<c>/health/ready</c>, <c>streamengine_workers</c>); a crashed
/// worker's row simply stops being fresh.</summary>
public sealed class WorkerHeartbeat
{
    /// <summary>The worker's lease owner name (machine/process/instance).</summary>
    public string Id { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Jobs it was running at its last beat, and how many it may run at once.</summary>
    public int Running { get; set; }

    public int Concurrency { get; set; }
}

internal sealed class WorkerHeartbeatConfiguration : IEntityTypeConfiguration<WorkerHeartbeat>
{
    public void Configure(EntityTypeBuilder<WorkerHeartbeat> builder)
    {
        builder.ToTable("worker_heartbeats");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(200);
        builder.Property(w => w.Role).HasMaxLength(16);
        builder.HasIndex(w => w.LastSeenAt);
    }
}

/// <summary>Writes and reads the workers' heartbeats.</summary>
internal static class WorkerHeartbeats
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>A worker silent for this long is counted as gone.</summary>
    public static readonly TimeSpan Lapse = TimeSpan.FromSeconds(30);

    public static async Task BeatAsync(AppDbContext db, WorkerHeartbeat beat, CancellationToken ct)
    {
        var updated = await db.Set<WorkerHeartbeat>()
            .Where(w => w.Id == beat.Id)
            .ExecuteUpdateAsync(
                set =>
                    set.SetProperty(w => w.LastSeenAt, beat.LastSeenAt)
                        .SetProperty(w => w.Running, beat.Running)
                        .SetProperty(w => w.Concurrency, beat.Concurrency),
                ct
            );
        if (updated == 0)
        {
            db.Add(beat);
            await db.SaveChangesAsync(ct);
            db.Entry(beat).State = EntityState.Detached;
        }
    }

    public static Task EndAsync(AppDbContext db, string id, CancellationToken ct) =>
        db.Set<WorkerHeartbeat>().Where(w => w.Id == id).ExecuteDeleteAsync(ct);

    public static Task<int> CountLiveAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.Set<WorkerHeartbeat>().CountAsync(w => w.LastSeenAt > now - Lapse, ct);
}
