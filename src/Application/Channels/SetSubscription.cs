using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

/// <param name="Subscribe">True to subscribe, false to unsubscribe.</param>
public sealed record SetSubscriptionRequest(Guid ChannelId, bool Subscribe);

/// <summary>Subscribes the caller to a channel (not their own), or unsubscribes; idempotent. Answers the channel
/// with its counts as they are now.</summary>
public sealed class SetSubscription(
    IUserStore users,
    ISubscriptionStore subscriptions,
    IChannelQueries queries,
    RequireUser signedIn,
    IClock clock
)
{
    public Task<Result<User>> Handle(SetSubscriptionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run(userId => SetAsync(userId, request, ct));
    }

    private async Task<Result<User>> SetAsync(Guid userId, SetSubscriptionRequest request, CancellationToken ct)
    {
        if (await users.FindUserAsync(request.ChannelId, ct) is not { } channel)
        {
            return EngagementErrors.ChannelNotFound;
        }

        if (channel.Id == userId)
        {
            return EngagementErrors.CannotSubscribeToSelf;
        }

        _ = request.Subscribe
            ? await subscriptions.SubscribeAsync(userId, request.ChannelId, clock.UtcNow, ct)
            : await subscriptions.UnsubscribeAsync(userId, request.ChannelId, ct);
        var fresh = await queries.UsersAsync([request.ChannelId], ct);
        return fresh.TryGetValue(request.ChannelId, out var updated) ? updated : channel;
    }
}
