using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Channels;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Subscriptions, with the channel's subscriber count moved in the same transaction.</summary>
internal sealed class EfSubscriptionStore(AppDbContext db) : ISubscriptionStore
{
    public Task<bool> SubscribeAsync(Guid subscriberId, Guid channelId, DateTimeOffset now, CancellationToken ct) =>
        CountedWrites.InsertAsync(
            db,
            new ChannelSubscription(subscriberId, channelId, now),
            () =>
                db
                    .Users.Where(u => u.Id == channelId)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriberCount, u => u.SubscriberCount + 1), ct),
            ct
        );

    public Task<bool> UnsubscribeAsync(Guid subscriberId, Guid channelId, CancellationToken ct) =>
        CountedWrites.DeleteAsync(
            db,
            db.ChannelSubscriptions.Where(s => s.SubscriberId == subscriberId && s.ChannelId == channelId),
            () =>
                db
                    .Users.Where(u => u.Id == channelId)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriberCount, u => u.SubscriberCount - 1), ct),
            ct
        );
}
