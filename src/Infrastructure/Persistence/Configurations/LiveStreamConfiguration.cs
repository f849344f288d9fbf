using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Users;

namespace StreamEngine.Infrastructure.Persistence.Configurations;

internal sealed class LiveStreamConfiguration : IEntityTypeConfiguration<LiveStream>
{
    public void Configure(EntityTypeBuilder<LiveStream> builder)
    {
        builder.ToTable("live_streams");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Title).HasMaxLength(LiveStream.MaxTitleLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(LiveStream.MaxDescriptionLength);
        builder.Property(s => s.StreamKey).HasMaxLength(LiveStream.KeyLength).IsRequired();
        builder.Property(s => s.Status).HasConversion<int>();
        builder.Property(s => s.Visibility).HasConversion<int>();
        builder.Property(s => s.EndReason).HasMaxLength(500);

        // The ingest, the sweeper and the owner change a stream concurrently: the last write must not win blindly.
        builder.Property(s => s.UpdatedAt).IsConcurrencyToken();
        builder.Ignore(s => s.IsActive);
        builder.Ignore(s => s.WillBeRecorded);
        builder.HasIndex(s => s.StreamKey).IsUnique();
        builder.HasIndex(s => new { s.OwnerId, s.CreatedAt });
        builder.HasIndex(s => new { s.Status, s.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
