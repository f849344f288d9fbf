using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Who subscribes to whom as keyset pages, and users by id in one statement.</summary>
internal sealed class EfChannelQueries(AppDbContext db) : IChannelQueries
{
    public async Task<Page<User>> SubscriptionsAsync(Guid subscriberId, PageRequest page, CancellationToken ct)
    {
        var rows = await Keyset.PageAsync(
            db.ChannelSubscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriberId),
            ReadModel.SubscribedAt,
            ReadModel.Channel,
            true,
            page,
            "subscriptions",
            ct
        );
        var users = await UsersAsync([.. rows.Edges.Select(e => e.Node.ChannelId)], ct);
        return rows.Map(s => users[s.ChannelId]);
    }

    public async Task<Page<User>> SubscribersAsync(Guid channelId, PageRequest page, CancellationToken ct)
    {
        var rows = await Keyset.PageAsync(
            db.ChannelSubscriptions.AsNoTracking().Where(s => s.ChannelId == channelId),
            ReadModel.SubscribedAt,
            ReadModel.Subscriber,
            true,
            page,
            "subscribers",
            ct
        );
        var users = await UsersAsync([.. rows.Edges.Select(e => e.Node.SubscriberId)], ct);
        return rows.Map(s => users[s.SubscriberId]);
    }

    public async Task<IReadOnlyDictionary<Guid, User>> UsersAsync(
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    ) =>
        ids.Count == 0
            ? new Dictionary<Guid, User>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);

    public async Task<IReadOnlySet<Guid>> SubscribedChannelsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> channelIds,
        CancellationToken ct
    ) =>
        channelIds.Count == 0
            ? new HashSet<Guid>()
            : (
                await db
                    .ChannelSubscriptions.Where(s => s.SubscriberId == userId && channelIds.Contains(s.ChannelId))
                    .Select(s => s.ChannelId)
                    .ToListAsync(ct)
            ).ToHashSet();
}
