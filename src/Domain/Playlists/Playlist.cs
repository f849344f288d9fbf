using StreamEngine.Domain.Videos;

namespace StreamEngine.Domain.Playlists;

/// <summary>An ordered list of videos owned by one user. A video appears at most once (a unique key).</summary>
public sealed class Playlist
{
    public const int MaxTitleLength = 150;
    public const int MaxDescriptionLength = 5000;
    public const int MaxItems = 5000;

    private Playlist() { }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public Visibility Visibility { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Playlist Create(
        Guid ownerId,
        string title,
        string? description,
        Visibility visibility,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Title = title,
            Description = description,
            Visibility = visibility,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public void Update(string? title, string? description, Visibility? visibility, DateTimeOffset now)
    {
        Title = title ?? Title;
        Description =
            description is null ? Description
            : description.Length == 0 ? null
            : description;
        Visibility = visibility ?? Visibility;
        UpdatedAt = now;
    }

    /// <summary>Who may open it: anyone for public and unlisted, the owner only for private.</summary>
    public bool CanBeOpenedBy(Guid? viewer) => Visibility != Visibility.Private || viewer == OwnerId;

    /// <summary>Which playlists show in lists for <paramref name="viewer"/>: public ones, and their own.</summary>
    public static System.Linq.Expressions.Expression<Func<Playlist, bool>> ListedFor(Guid? viewer) =>
        p => p.Visibility == Visibility.Public || p.OwnerId == viewer;
}

/// <summary>A video's place in a playlist. Positions order the items; gaps are allowed (a deleted video leaves one)
/// and adding or moving renumbers the playlist.</summary>
public sealed class PlaylistItem(Guid playlistId, Guid videoId, long position, DateTimeOffset addedAt)
{
    public Guid PlaylistId { get; private set; } = playlistId;

    public Guid VideoId { get; private set; } = videoId;

    public long Position { get; private set; } = position;

    public DateTimeOffset AddedAt { get; private set; } = addedAt;

    public void MoveTo(long position) => Position = position;
}
