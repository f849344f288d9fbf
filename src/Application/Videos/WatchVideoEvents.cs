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

    /// <summary>Ends the feed normally (the subscriber is told the subscription is complete).</summary>
    internal void End() => _events.Writer.TryComplete();

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

    /// <summary>Events of one video: its owner sees everything; anyone else follows a public video, sees only READY
    /// states (status alone), and the feed ends when the video stops being public.</summary>
    public async Task<Result<VideoEventFeed>> ForVideo(Guid videoId, CancellationToken ct)
    {
        var callerId = caller.UserId;

        // Checked before anything is subscribed: a random or hidden id costs one look-up, never a bus subscription.
        var video = await videos.FindVideoAsync(videoId, ct);
        if (video is null || (video.OwnerId != callerId && video.Visibility != Visibility.Public))
        {
            return VideoErrors.NotFound;
        }

        var owner = video.OwnerId == callerId;
        var feed = new VideoEventFeed(FeedCapacity);
        VideoEvent? latest = null;
        var gate = new object();

        // Subscribed before the current state is read again, so nothing falls between the two; anything older than
        // that state is dropped.
        feed.Attach(await bus.SubscribeAsync(videoId, null, e =>
        {
            lock (gate)
            {
                if (latest is null || e.OccurredAt > latest.OccurredAt)
                {
                    Deliver(feed, e, owner);
                }
            }

            return ValueTask.CompletedTask;
        }));

        await videos.ReloadAsync(video, ct);
        lock (gate)
        {
            latest = VideoEvents.Of(video, video.UpdatedAt);
            if (!owner && video.Visibility != Visibility.Public)
            {
                feed.End();
            }
            else
            {
                Deliver(feed, latest, owner);
            }
        }

        return feed;
    }

    private static void Deliver(VideoEventFeed feed, VideoEvent e, bool owner)
    {
        if (owner)
        {
            feed.Offer(e);
        }
        else if (e.Visibility is { } visibility && visibility != Visibility.Public)
        {
            feed.End();
        }
        else if (e.Status == VideoStatus.Ready)
        {
            feed.Offer(StatusOnly(e));
        }
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
