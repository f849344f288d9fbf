using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence.Configurations;

internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("videos");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Title).HasMaxLength(Video.MaxTitleLength).IsRequired();
        builder.Property(v => v.Description).HasMaxLength(Video.MaxDescriptionLength);
        builder.Property(v => v.Visibility).HasConversion<int>();
        builder.Property(v => v.Status).HasConversion<int>();
        builder.Property(v => v.FailureReason).HasMaxLength(1000);
        builder.Property(v => v.ProgressStage).HasMaxLength(32);
        builder.Ignore(v => v.IsReady);
        builder.Ignore(v => v.IsPlayable);
        builder.HasIndex(v => new { v.OwnerId, v.CreatedAt });
        builder.HasIndex(v => new { v.Status, v.UpdatedAt });

        // The public lists: newest first and most viewed, read in index order from the cursor.
        builder.HasIndex(v => new
        {
            v.Status,
            v.Visibility,
            v.CreatedAt,
            v.Id,
        });
        builder.HasIndex(v => new
        {
            v.Status,
            v.Visibility,
            v.ViewCount,
            v.Id,
        });
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);

        // The ladder and the media a READY video has besides it are read and written with the video, never queried
        // on their own: a JSON column each (see JsonColumn).
        builder.Ignore(v => v.Renditions);
        builder.Ignore(v => v.Captions);
        builder.Ignore(v => v.Thumbnails);
        MediaList<Rendition>(builder, "_renditions", "renditions");
        MediaList<Caption>(builder, "_captions", "captions");
        MediaList<Thumbnail>(builder, "_thumbnails", "thumbnails");
        builder
            .Property(v => v.Storyboard)
            .HasColumnName("storyboard")
            .HasConversion(JsonColumn.Converter<Storyboard>())
            .IsRequired(false);
        builder.Property(v => v.DownloadState).HasConversion<int>();
        builder.Property(v => v.DownloadFile).HasMaxLength(128);
    }

    private static void MediaList<T>(EntityTypeBuilder<Video> builder, string field, string column) =>
        builder
            .Property<List<T>?>(field)
            .HasColumnName(column)
            .HasConversion(JsonColumn.ListConverter<T>(), JsonColumn.ListComparer<T>())
            .IsRequired(false);
}

internal sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSession>
{
    public void Configure(EntityTypeBuilder<UploadSession> builder)
    {
        builder.ToTable("upload_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.FileName).HasMaxLength(255).IsRequired();
        builder.Property(s => s.ContentType).HasMaxLength(127).IsRequired();
        builder.Property(s => s.StorageUploadId).HasMaxLength(1024);
        builder.Property(s => s.Protocol).HasConversion<int>();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.VideoId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasIndex(s => s.OwnerId);
        builder.HasOne<Video>().WithMany().HasForeignKey(s => s.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscodeJobConfiguration : IEntityTypeConfiguration<TranscodeJob>
{
    /// <summary>A shadow column: the trace of the request that queued the job (not the domain's business).</summary>
    public const string TraceParent = "TraceParent";

    public void Configure(EntityTypeBuilder<TranscodeJob> builder)
    {
        builder.Property<string?>(TraceParent).HasMaxLength(128);
        builder.ToTable("transcode_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.State).HasConversion<int>();
        builder.Ignore(j => j.IsPart);
        builder.Property(j => j.LeaseOwner).HasMaxLength(128);
        builder.Property(j => j.LastError).HasMaxLength(1000);
        builder.Property(j => j.Version).IsConcurrencyToken();

        // One job per video (part 0) and one row per part: starting twice cannot queue two.
        builder.HasIndex(j => new { j.VideoId, j.Part }).IsUnique();
        builder.HasIndex(j => new { j.State, j.NotBefore });
        builder.HasOne<Video>().WithMany().HasForeignKey(j => j.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VideoImportConfiguration : IEntityTypeConfiguration<VideoImport>
{
    public void Configure(EntityTypeBuilder<VideoImport> builder)
    {
        builder.ToTable("video_imports");
        builder.HasKey(i => i.VideoId);
        builder.Property(i => i.Url).HasMaxLength(VideoImport.MaxUrlLength).IsRequired();
        builder.HasIndex(i => i.OwnerId);
        builder.HasIndex(i => i.LeasedUntil);
        builder.HasOne<Video>().WithMany().HasForeignKey(i => i.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}
