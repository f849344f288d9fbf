namespace StreamEngine.Application.Abstractions;

/// <summary>Channel subscriptions. Each method is one transaction that keeps the affected counters right with atomic
/// increments; subscribing twice subscribes once.</summary>
public interface ISubscriptionStore
{
    /// <summary>True when the subscription is new.</summary>
    Task<bool> SubscribeAsync(Guid subscriberId, Guid channelId, DateTimeOffset now, CancellationToken ct);

    Task<bool> UnsubscribeAsync(Guid subscriberId, Guid channelId, CancellationToken ct);
}
