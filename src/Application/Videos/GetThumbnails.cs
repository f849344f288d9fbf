using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>One size of a video's poster, signed.</summary>
public sealed record ThumbnailView(int Width, int Height, Uri Url);

/// <summary>A video's poster in its sizes, largest first, for who may watch it: the sizes its owner chose, or the
/// pipeline's own poster (at most 720 lines high).</summary>
public sealed class GetThumbnails(GetPlayback playback)
{
    public IReadOnlyList<ThumbnailView> Handle(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (playback.Handle(video) is not { } signed)
        {
            return [];
        }

        if (video.Thumbnails.Count == 0)
        {
            // An audio-only video's poster is a 1280x720 picture of its waveform.
            var (width, height) = video.Width is > 0 ? (video.Width.Value, video.Height ?? 0) : (1280, 720);
            var scale = height > 720 ? 720.0 / height : 1;
            return
            [
                new ThumbnailView(
                    (int)Math.Round(width * scale / 2) * 2,
                    (int)Math.Round(height * scale),
                    signed.PosterUrl
                ),
            ];
        }

        return video
            .Thumbnails.Select(t => signed.File(t.File) is { } url ? new ThumbnailView(t.Width, t.Height, url) : null)
            .OfType<ThumbnailView>()
            .ToList();
    }
}
