using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>A pipeline start owed to a video (a transactional outbox row): written by
/// <see cref="PipelineStartInterceptor"/> in the same transaction that moves the video to PROCESSING, removed once the
/// pipeline has accepted the start. A crash between the commit and the start leaves the row, and
/// <see cref="PipelineStarts"/> starts it later; no video is PROCESSING with nothing started.</summary>
public sealed class PipelineStart
{
    public Guid VideoId { get; set; }

    /// <summary>When the next attempt may run (an attempt in progress moves it ahead by a lease).</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The trace of the request that owed the start (W3C <c>traceparent</c>), continued by whoever makes
    /// it.</summary>
    public string? TraceParent { get; set; }
}

/// <summary>Adds a <see cref="PipelineStart"/> to the SaveChanges that moves a video to PROCESSING, whichever use case
/// does it (an upload's completion, a tus upload's last byte, an import).</summary>
public sealed class PipelineStartInterceptor(IClock clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddStarts(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddStarts(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddStarts(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var starts = context
            .ChangeTracker.Entries<Video>()
            .Where(MovedToProcessing)
            .Select(e => new PipelineStart
            {
                VideoId = e.Entity.Id,
                DueAt = clock.UtcNow,
                TraceParent = Telemetry.StreamEngineTracing.CurrentParent,
            })
            .ToList();
        if (starts.Count > 0)
        {
            context.Set<PipelineStart>().AddRange(starts);
        }
    }

    private static bool MovedToProcessing(EntityEntry<Video> entry) =>
        entry.Entity.Status == VideoStatus.Processing
        && (
            entry.State == EntityState.Added
            || (
                entry.State == EntityState.Modified
                && entry.Property(v => v.Status) is { IsModified: true } status
                && !Equals(status.OriginalValue, status.CurrentValue)
            )
        );
}

internal sealed class PipelineStartConfiguration : IEntityTypeConfiguration<PipelineStart>
{
    public void Configure(EntityTypeBuilder<PipelineStart> builder)
    {
        builder.ToTable("pipeline_starts");
        builder.HasKey(s => s.VideoId);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.Property(s => s.TraceParent).HasMaxLength(128);
        builder.HasOne<Video>().WithMany().HasForeignKey(s => s.VideoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.DueAt);
    }
}
