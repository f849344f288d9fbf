using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Points a video at new poster sizes, then removes the old sizes' files and announces the change: a crash
/// in between leaves unused files, never a video pointing at missing ones.</summary>
public sealed class ThumbnailReplacement(IVideoStore videos, IVideoMediaEditor media, IEventBus events, IClock clock)
{
    /// <summary>A fresh file key for new poster sizes (cached copies of the old poster never show the new one
    /// stale).</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N")[..12];

    public async Task<Video> ReplaceAsync(Video video, IReadOnlyList<Thumbnail> made, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(video);
        var now = clock.UtcNow;
        var previous = video.ReplaceThumbnails(made, now);
        await videos.SaveChangesAsync(ct);
        await media.DeleteFilesAsync(video.Id, previous.Select(t => t.File).ToList(), CancellationToken.None);
        await events.PublishAsync(VideoEvents.Of(video, now), CancellationToken.None);
        return video;
    }
}
