namespace StreamEngine.Domain.Engagement;

/// <summary>One user's like of one video (unique per pair).</summary>
public sealed record VideoLike(Guid UserId, Guid VideoId, DateTimeOffset CreatedAt);

/// <summary>One user's like of one comment (unique per pair).</summary>
public sealed record CommentLike(Guid UserId, Guid CommentId, DateTimeOffset CreatedAt);

/// <summary>One viewing in a user's watch history.</summary>
public sealed record WatchEntry(Guid Id, Guid UserId, Guid VideoId, DateTimeOffset WatchedAt);

/// <summary>When a viewer (a user, or a hashed anonymous client) last had a view of a video counted.</summary>
public sealed record ViewRecord(Guid VideoId, string ViewerKey, DateTimeOffset CountedAt);
