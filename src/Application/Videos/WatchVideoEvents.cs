using System.Threading.Channels;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A live feed of video events: the current state first, then every change. Owners see everything;
/// anyone else sees the status of public videos only.</summary>
public sealed class VideoEventFeed : IAsyncDisposable
{
    private readonly Channel<VideoEvent> _events;
    private IAsyncDisposable? _subscription;

    internal VideoEventFeed(int capacity)
    {
        _events = Channel.CreateBounded<VideoEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>True once the buffer overflowed: the consumer was too slow and the feed has ended.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<VideoEvent> Events => _events.Reader;

    internal void Attach(IAsyncDisposable subscription) => _subscription = subscription;

    internal void Offer(VideoEvent videoEvent)
    {
        // A slow consumer never blocks the publisher or other subscribers: its feed ends instead.
        if (!_events.Writer.TryWrite(videoEvent) && !Overflowed)
        {
            Overflowed = true;
            _events.Writer.TryComplete(new FeedOverflowException());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}

/// <summary>The consumer of a feed fell too far behind.</summary>
public sealed class FeedOverflowException : Exception
{
    public FeedOverflowException()
        : base("The subscriber could not keep up; the subscription was ended. Subscribe again to continue.")
    {
    }

    public FeedOverflowException(string message)
        : base(message)
    {
    }

    public FeedOverflowException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

public sealed class WatchVideoEvents(IVideoStore videos, IEventBus bus, ICurrentUser caller)
{
    public const int FeedCapacity = 256;

    /// <summary>Events of one video: its owner always, anyone for a public video (status only).</summary>
    public async Task<Result<VideoEventFeed>> ForVideo(Guid videoId, CancellationToken ct)
    {
        var callerId = caller.UserId;
        var feed = new VideoEventFeed(FeedCapacity);
        VideoEvent? latest = null;
        var gate = new object();
        var owner = false;

        // Subscribe before reading the current state, so nothing falls between the two; anything older than that
        // state is dropped.
        feed.Attach(await bus.SubscribeAsync(videoId, null, e =>
        {
            lock (gate)
            {
                if (latest is null || e.OccurredAt > latest.OccurredAt)
                {
                    feed.Offer(owner ? e : StatusOnly(e));
                }
            }

            return ValueTask.CompletedTask;
        }));

        var video = await videos.FindVideoAsync(videoId, ct);
        if (video is null || (video.OwnerId != callerId && video.Visibility != Visibility.Public))
        {
            await feed.DisposeAsync();
            return VideoErrors.NotFound;
        }

        lock (gate)
        {
            owner = video.OwnerId == callerId;
            latest = new VideoEvent(video.Id, video.OwnerId, video.Status, video.ProgressStage, video.ProgressPercent, null, video.FailureReason, video.UpdatedAt);
            feed.Offer(owner ? latest : StatusOnly(latest));
        }

        return feed;
    }

    /// <summary>Events of every video of the signed-in user.</summary>
    public async Task<Result<VideoEventFeed>> Mine()
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var feed = new VideoEventFeed(FeedCapacity);
        feed.Attach(await bus.SubscribeAsync(null, userId, e =>
        {
            feed.Offer(e);
            return ValueTask.CompletedTask;
        }));
        return feed;
    }

    private static VideoEvent StatusOnly(VideoEvent e) => e with { Stage = null, Percent = 0, Rendition = null, FailureReason = null };
}
