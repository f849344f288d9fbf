namespace StreamEngine.Domain.Engagement;

/// <summary>A comment on a video, or a reply to one (one level deep: a reply cannot be replied to).</summary>
public sealed class Comment
{
    public const int MaxBodyLength = 5000;

    private Comment() { }

    public Guid Id { get; private set; }

    public Guid VideoId { get; private set; }

    public Guid AuthorId { get; private set; }

    /// <summary>The comment this replies to; null for a top-level comment.</summary>
    public Guid? ParentId { get; private set; }

    public string Body { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    /// <summary>Kept by the store in the same transaction as the likes.</summary>
    public long LikeCount { get; private set; }

    /// <summary>Kept by the store in the same transaction as the replies.</summary>
    public long ReplyCount { get; private set; }

    /// <summary>The body trimmed, or null when it is empty or too long.</summary>
    public static string? NormalizeBody(string? body) =>
        body?.Trim() is { Length: > 0 and <= MaxBodyLength } trimmed ? trimmed : null;

    public static Comment Create(Guid videoId, Guid authorId, Comment? parent, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (parent is { ParentId: not null })
        {
            throw new InvalidOperationException("Replies are one level deep.");
        }

        return new Comment
        {
            Id = Guid.CreateVersion7(now),
            VideoId = videoId,
            AuthorId = authorId,
            ParentId = parent?.Id,
            Body = body,
            CreatedAt = now,
        };
    }

    public void Edit(string body, DateTimeOffset now)
    {
        Body = body;
        EditedAt = now;
    }
}
