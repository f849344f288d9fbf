using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Something that happened to a video, as subscribers see it.</summary>
public sealed record VideoEvent(
    Guid VideoId,
    Guid OwnerId,
    VideoStatus Status,
    string? Stage,
    double Percent,
    string? Rendition,
    string? FailureReason,
    DateTimeOffset OccurredAt
)
{
    /// <summary>The video's visibility when the event happened (null from publishers that do not know it).</summary>
    public Visibility? Visibility { get; init; }

    /// <summary>Whether the video plays now: READY, or PROCESSING with its first segments out.</summary>
    public bool Playable { get; init; }
}

/// <summary>Carries video events to subscribers: in process, or across instances through Redis.</summary>
public interface IEventBus
{
    ValueTask PublishAsync(VideoEvent videoEvent, CancellationToken ct);

    /// <summary>Events of one video (<paramref name="videoId"/>) or of every video of one owner.</summary>
    /// <remarks>When the returned task completes, every event published afterwards reaches the handler.</remarks>
    ValueTask<IAsyncDisposable> SubscribeAsync(Guid? videoId, Guid? ownerId, Func<VideoEvent, ValueTask> handler);
}
