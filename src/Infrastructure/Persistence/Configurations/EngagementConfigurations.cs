using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamEngine.Domain.Channels;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence.Configurations;

// Rows that belong to a user or a video go with it: the database cascades, so no orphan is ever left behind.
internal sealed class ChannelSubscriptionConfiguration : IEntityTypeConfiguration<ChannelSubscription>
{
    public void Configure(EntityTypeBuilder<ChannelSubscription> builder)
    {
        builder.ToTable("channel_subscriptions");
        builder.HasKey(s => new { s.SubscriberId, s.ChannelId });
        builder.HasIndex(s => new { s.ChannelId, s.CreatedAt });
        builder.HasIndex(s => new { s.SubscriberId, s.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VideoLikeConfiguration : IEntityTypeConfiguration<VideoLike>
{
    public void Configure(EntityTypeBuilder<VideoLike> builder)
    {
        builder.ToTable("video_likes");
        builder.HasKey(l => new { l.UserId, l.VideoId });
        builder.HasIndex(l => l.VideoId);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Video>().WithMany().HasForeignKey(l => l.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentLikeConfiguration : IEntityTypeConfiguration<CommentLike>
{
    public void Configure(EntityTypeBuilder<CommentLike> builder)
    {
        builder.ToTable("comment_likes");
        builder.HasKey(l => new { l.UserId, l.CommentId });
        builder.HasIndex(l => l.CommentId);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Comment>().WithMany().HasForeignKey(l => l.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Body).HasMaxLength(Comment.MaxBodyLength).IsRequired();
        builder.HasIndex(c => new
        {
            c.VideoId,
            c.ParentId,
            c.CreatedAt,
        });
        builder.HasIndex(c => c.AuthorId);
        builder.HasOne<Video>().WithMany().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Playlist>
{
    public void Configure(EntityTypeBuilder<Playlist> builder)
    {
        builder.ToTable("playlists");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(Playlist.MaxTitleLength).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(Playlist.MaxDescriptionLength);
        builder.Property(p => p.Visibility).HasConversion<int>();
        builder.HasIndex(p => new { p.OwnerId, p.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlaylistItemConfiguration : IEntityTypeConfiguration<PlaylistItem>
{
    public void Configure(EntityTypeBuilder<PlaylistItem> builder)
    {
        builder.ToTable("playlist_items");

        // A video at most once per playlist.
        builder.HasKey(i => new { i.PlaylistId, i.VideoId });
        builder.HasIndex(i => new { i.PlaylistId, i.Position });
        builder.HasIndex(i => i.VideoId);
        builder.HasOne<Playlist>().WithMany().HasForeignKey(i => i.PlaylistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Video>().WithMany().HasForeignKey(i => i.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WatchEntryConfiguration : IEntityTypeConfiguration<WatchEntry>
{
    public void Configure(EntityTypeBuilder<WatchEntry> builder)
    {
        builder.ToTable("watch_history");
        builder.HasKey(w => w.Id);
        builder.HasIndex(w => new { w.UserId, w.WatchedAt });
        builder.HasIndex(w => w.VideoId);
        builder.HasOne<User>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Video>().WithMany().HasForeignKey(w => w.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ViewRecordConfiguration : IEntityTypeConfiguration<ViewRecord>
{
    public void Configure(EntityTypeBuilder<ViewRecord> builder)
    {
        builder.ToTable("view_records");
        builder.HasKey(v => new { v.VideoId, v.ViewerKey });
        builder.Property(v => v.ViewerKey).HasMaxLength(80);
        builder.HasIndex(v => v.CountedAt);
        builder.HasOne<Video>().WithMany().HasForeignKey(v => v.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}
