using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

/// <summary>Channels (users as others see them) and who subscribes to whom; batch look-ups run one statement.</summary>
public interface IChannelQueries
{
    Task<IReadOnlyDictionary<Guid, User>> UsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<Page<User>> SubscriptionsAsync(Guid subscriberId, PageRequest page, CancellationToken ct);

    Task<Page<User>> SubscribersAsync(Guid channelId, PageRequest page, CancellationToken ct);

    Task<IReadOnlySet<Guid>> SubscribedChannelsAsync(
        Guid userId,
        IReadOnlyCollection<Guid> channelIds,
        CancellationToken ct
    );
}
