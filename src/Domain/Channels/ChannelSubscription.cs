namespace StreamEngine.Domain.Channels;

/// <summary>A user following a channel (another user). Unique per pair; never oneself.</summary>
public sealed record ChannelSubscription(Guid SubscriberId, Guid ChannelId, DateTimeOffset CreatedAt);
