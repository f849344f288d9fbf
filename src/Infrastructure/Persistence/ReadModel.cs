using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Channels;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>What the EF Core read models share: the videos a viewer may see in a list, the keyset keys, and the
/// joined rows the keys read.</summary>
internal static class ReadModel
{
    /// <summary>Videos a list may show to <paramref name="viewer"/>: READY and PUBLIC, or their own.</summary>
    public static IQueryable<Video> Listed(AppDbContext db, Guid? viewer) =>
        db.Videos.AsNoTracking().Where(Video.ListedFor(viewer));

    // Key expressions are built once: Keyset compiles each once to read cursors from rows.

    public static readonly Expression<Func<ChannelSubscription, DateTimeOffset>> SubscribedAt = s => s.CreatedAt;
    public static readonly Expression<Func<ChannelSubscription, Guid>> Channel = s => s.ChannelId;
    public static readonly Expression<Func<ChannelSubscription, Guid>> Subscriber = s => s.SubscriberId;
    public static readonly Expression<Func<Comment, DateTimeOffset>> CommentedAt = c => c.CreatedAt;
    public static readonly Expression<Func<Comment, Guid>> Comment = c => c.Id;
    public static readonly Expression<Func<Playlist, DateTimeOffset>> PlaylistCreated = p => p.CreatedAt;
    public static readonly Expression<Func<Playlist, Guid>> Playlist = p => p.Id;
    public static readonly Expression<Func<PlaylistRow, long>> Position = r => r.Item.Position;
    public static readonly Expression<Func<PlaylistRow, Guid>> ItemVideo = r => r.Item.VideoId;
    public static readonly Expression<Func<HistoryRow, DateTimeOffset>> WatchedAt = r => r.Entry.WatchedAt;
    public static readonly Expression<Func<HistoryRow, Guid>> Watch = r => r.Entry.Id;

    public sealed class PlaylistRow
    {
        public PlaylistItem Item { get; init; } = null!;

        public Video Video { get; init; } = null!;
    }

    public sealed class HistoryRow
    {
        public WatchEntry Entry { get; init; } = null!;

        public Video Video { get; init; } = null!;
    }
}
