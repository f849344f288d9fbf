using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

/// <summary>The channels the caller subscribes to.</summary>
public sealed class ListMySubscriptions(IChannelQueries queries, RequireUser signedIn)
{
    public Task<Result<Page<User>>> Handle(PageRequest page, CancellationToken ct) =>
        signedIn.Run(userId => Pages.RunAsync(page, () => queries.SubscriptionsAsync(userId, page, ct)));
}
