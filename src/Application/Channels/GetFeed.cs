using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Channels;

/// <summary>Public READY videos of the channels the caller subscribes to, newest first.</summary>
public sealed class GetFeed(IVideoQueries queries, RequireUser signedIn)
{
    public Task<Result<Page<Video>>> Handle(PageRequest page, CancellationToken ct) =>
        signedIn.Run(userId => Pages.RunAsync(page, () => queries.FeedAsync(userId, page, ct)));
}
