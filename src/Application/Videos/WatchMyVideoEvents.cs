using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;

namespace StreamEngine.Application.Videos;

/// <summary>Events of every video of the signed-in user.</summary>
public sealed class WatchMyVideoEvents(IEventBus bus, ICurrentUser caller)
{
    public async Task<Result<VideoEventFeed>> Handle()
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var feed = new VideoEventFeed(WatchVideoEvents.FeedCapacity);
        feed.Attach(
            await bus.SubscribeAsync(
                null,
                userId,
                e =>
                {
                    feed.Offer(e);
                    return ValueTask.CompletedTask;
                }
            )
        );
        return feed;
    }
}
