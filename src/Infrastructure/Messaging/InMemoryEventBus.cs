using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>The embedded default's event bus: events reach the subscribers of this process only. Subscriptions are
/// indexed by video and by owner, so publishing reads the handful that match instead of every subscription the
/// process holds (a thousand open studios made each event walk a thousand entries).</summary>
internal sealed class InMemoryEventBus(ILogger<InMemoryEventBus> logger) : IEventBus
{
    private readonly ConcurrentDictionary<Guid, Subscription[]> _byVideo = new();
    private readonly ConcurrentDictionary<Guid, Subscription[]> _byOwner = new();
    private readonly Lock _changing = new();

    public async ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(videoEvent);
        var ofVideo = _byVideo.GetValueOrDefault(videoEvent.VideoId) ?? [];
        var ofOwner = _byOwner.GetValueOrDefault(videoEvent.OwnerId) ?? [];
        foreach (var subscription in ofVideo)
        {
            await DeliverAsync(subscription, videoEvent);
        }

        foreach (var subscription in ofOwner)
        {
            // One that asked for both this video and its owner has had the event already.
            if (subscription.VideoId != videoEvent.VideoId)
            {
                await DeliverAsync(subscription, videoEvent);
            }
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Guid? videoId, Guid? ownerId, Func<VideoEvent, ValueTask> handler)
    {
        var subscription = new Subscription(videoId, ownerId, handler);
        lock (_changing)
        {
            if (videoId is { } video)
            {
                _byVideo[video] = [.. _byVideo.GetValueOrDefault(video) ?? [], subscription];
            }

            if (ownerId is { } owner)
            {
                _byOwner[owner] = [.. _byOwner.GetValueOrDefault(owner) ?? [], subscription];
            }
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Unsubscriber(() => Remove(subscription)));
    }

    private async ValueTask DeliverAsync(Subscription subscription, VideoEvent videoEvent)
    {
        try
        {
            await subscription.Handler(videoEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One broken subscriber must not stop the others or the publisher.
            logger.LogWarning(ex, "A subscriber of video {VideoId} failed", videoEvent.VideoId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_changing)
        {
            Without(_byVideo, subscription.VideoId, subscription);
            Without(_byOwner, subscription.OwnerId, subscription);
        }
    }

    private static void Without(ConcurrentDictionary<Guid, Subscription[]> index, Guid? key, Subscription subscription)
    {
        if (key is not { } k || !index.TryGetValue(k, out var current))
        {
            return;
        }

        var rest = Array.FindAll(current, s => !ReferenceEquals(s, subscription));
        if (rest.Length == 0)
        {
            index.TryRemove(k, out _);
        }
        else
        {
            index[k] = rest;
        }
    }

    private sealed record Subscription(Guid? VideoId, Guid? OwnerId, Func<VideoEvent, ValueTask> Handler);

    private sealed class Unsubscriber(Action remove) : IAsyncDisposable
    {
        private int _removed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _removed, 1) == 0)
            {
                remove();
            }

            return ValueTask.CompletedTask;
        }
    }
}
