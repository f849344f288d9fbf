using GraphQL;
using StreamEngine.Application.Videos;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>What the feeds' adapter tells a subscriber that fell behind.</summary>
public static class FeedObservable
{
    public const string TooSlowCode = "SUBSCRIBER_TOO_SLOW";
}

/// <summary>Adapts an event feed to the <see cref="IObservable{T}"/> graphql-dotnet streams subscriptions from.
/// One subscriber; unsubscribing ends the feed.</summary>
public sealed class FeedObservable<TEvent>(EventFeed<TEvent> feed) : IObservable<object?>
{
    public IDisposable Subscribe(IObserver<object?> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var stop = new CancellationTokenSource();
        _ = PumpAsync(observer, stop.Token);
        return new Unsubscriber(stop, feed);
    }

    private async Task PumpAsync(IObserver<object?> observer, CancellationToken ct)
    {
        try
        {
            await foreach (var videoEvent in feed.Events.ReadAllAsync(ct))
            {
                observer.OnNext(videoEvent);
            }

            observer.OnCompleted();
        }
        catch (OperationCanceledException) { }
        catch (FeedOverflowException ex)
        {
            observer.OnError(new ExecutionError(ex.Message) { Code = FeedObservable.TooSlowCode });
        }
    }

    private sealed class Unsubscriber(CancellationTokenSource stop, EventFeed<TEvent> feed) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
            _ = feed.DisposeAsync().AsTask();
        }
    }
}
