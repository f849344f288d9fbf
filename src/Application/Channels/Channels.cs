using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Channels;

/// <summary>Channels (a user's public face), subscriptions and the feed.</summary>
public sealed class ChannelDirectory(IAccountStore accounts, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock)
{
    public async Task<Result<User>> Subscribe(Guid channelId, bool subscribe, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await accounts.FindUserAsync(channelId, ct) is not { } channel)
        {
            return EngagementErrors.ChannelNotFound;
        }

        if (channel.Id == userId)
        {
            return EngagementErrors.CannotSubscribeToSelf;
        }

        _ = subscribe
            ? await store.SubscribeAsync(userId, channelId, clock.UtcNow, ct)
            : await store.UnsubscribeAsync(userId, channelId, ct);
        return await queries.UsersAsync([channelId], ct) is { } fresh && fresh.TryGetValue(channelId, out var updated) ? updated : channel;
    }

    public Task<Result<Page<User>>> MySubscriptions(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.SubscriptionsAsync(userId, page, ct)) : Pages.NotSignedIn<User>();

    public Task<Result<Page<User>>> MySubscribers(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.SubscribersAsync(userId, page, ct)) : Pages.NotSignedIn<User>();

    public Task<Result<Page<Video>>> Feed(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.FeedAsync(userId, page, ct)) : Pages.NotSignedIn<Video>();

    /// <summary>A channel's videos (all of them for its owner) or any search over the listed videos.</summary>
    public Task<Result<Page<Video>>> Videos(Guid? ownerId, string? search, VideoOrder order, PageRequest page, CancellationToken ct) =>
        Pages.RunAsync(page, () => queries.VideosAsync(new VideoQuery(caller.UserId, ownerId, search, order), page, ct));

    public Task<Result<Page<Playlist>>> Playlists(Guid ownerId, PageRequest page, CancellationToken ct) =>
        Pages.RunAsync(page, () => queries.PlaylistsAsync(ownerId, caller.UserId, page, ct));

    /// <summary>The signed-in user's channel totals; null for anyone else.</summary>
    public async Task<Result<ChannelTotals>> Dashboard(CancellationToken ct) =>
        caller.UserId is { } userId ? await queries.ChannelTotalsAsync(userId, ct) : AccountErrors.NotAuthenticated;

}
