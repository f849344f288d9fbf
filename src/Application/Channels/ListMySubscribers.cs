using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

/// <summary>The users who subscribe to the caller's channel.</summary>
public sealed class ListMySubscribers(IChannelQueries queries, RequireUser signedIn)
{
    public Task<Result<Page<User>>> Handle(PageRequest page, CancellationToken ct) =>
        signedIn.Run(userId => Pages.RunAsync(page, () => queries.SubscribersAsync(userId, page, ct)));
}
