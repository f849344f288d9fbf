using System.Threading.Channels;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

/// <summary>A live feed of video events: the current state first, then every change. Owners see everything;
/// anyone else sees the status of public videos only.</summary>
public sealed class VideoEventFeed(int capacity) : EventFeed<VideoEvent>(capacity);

/// <summary>Events for one subscriber, bounded: the current state first, then every change.</summary>
public class EventFeed<TEvent> : IAsyncDisposable
{
    private readonly Channel<TEvent> _events;
    private IAsyncDisposable? _subscription;

    internal EventFeed(int capacity)
    {
        _events = Channel.CreateBounded<TEvent>(
            new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
                // The subscriber's reader runs on the publisher's thread (to its next await), not behind every request
                // queued on the thread pool meanwhile; Offer never waits, so a reader cannot stall the publisher.
                AllowSynchronousContinuations = true,
            }
        );
    }

    /// <summary>True once the buffer overflowed: the consumer was too slow and the feed has ended.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<TEvent> Events => _events.Reader;

    internal void Attach(IAsyncDisposable subscription) => _subscription = subscription;

    /// <summary>Ends the feed normally (the subscriber is told the subscription is complete).</summary>
    internal void End() => _events.Writer.TryComplete();

    internal void Offer(TEvent videoEvent)
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

        GC.SuppressFinalize(this);
    }
}

/// <summary>The consumer of a feed fell too far behind.</summary>
public sealed class FeedOverflowException : Exception
{
    public FeedOverflowException()
        : base("The subscriber could not keep up; the subscription was ended. Subscribe again to continue.") { }

    public FeedOverflowException(string message)
        : base(message) { }

    public FeedOverflowException(string message, Exception inner)
        : base(message, inner) { }
}
