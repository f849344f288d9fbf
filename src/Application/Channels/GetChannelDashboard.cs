using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;

namespace StreamEngine.Application.Channels;

/// <summary>The caller's channel totals (videos, views, likes, comments, subscribers).</summary>
public sealed class GetChannelDashboard(IVideoQueries queries, RequireUser signedIn)
{
    public Task<Result<ChannelTotals>> Handle(CancellationToken ct) =>
        signedIn.Run<ChannelTotals>(async userId => await queries.ChannelTotalsAsync(userId, ct));
}
