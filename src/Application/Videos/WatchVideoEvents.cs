using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Follows one video: its owner sees every event; anyone else follows a public video, sees only its playable
/// states (status alone: READY, or PROCESSING with its first segments out), and the feed ends when the video stops
/// being public.</summary>
public sealed class WatchVideoEvents(IVideoStore videos, IEventBus bus, ICurrentUser caller)
{
    public const int FeedCapacity = 256;

    /// <summary>Events of one video: its owner sees everything; anyone else follows a public video, sees only its
    /// playable states (status alone), and the feed ends when the video stops being public.</summary>
    public async Task<Result<VideoEventFeed>> Handle(Guid videoId, CancellationToken ct)
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

        // A stranger hears once that the video plays while it encodes, not again at every later progress step.
        var announced = false;

        // Subscribed before the current state is read again, so nothing falls between the two; anything older than
        // that state is dropped.
        feed.Attach(
            await bus.SubscribeAsync(
                videoId,
                null,
                e =>
                {
                    lock (gate)
                    {
                        if (latest is null || e.OccurredAt > latest.OccurredAt)
                        {
                            Deliver(feed, e, owner, ref announced);
                        }
                    }

                    return ValueTask.CompletedTask;
                }
            )
        );

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
                Deliver(feed, latest, owner, ref announced);
            }
        }

        return feed;
    }

    private static void Deliver(VideoEventFeed feed, VideoEvent e, bool owner, ref bool announced)
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
        else if (e.Playable && !announced)
        {
            announced = true;
            feed.Offer(StatusOnly(e));
        }
    }

    private static VideoEvent StatusOnly(VideoEvent e) =>
        e with
        {
            Stage = null,
            Percent = 0,
            Rendition = null,
            FailureReason = null,
        };
}
