using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A caption track with its signed WebVTT file.</summary>
public sealed record CaptionView(Caption Caption, Uri Url);

/// <summary>The caption tracks of a video the caller may watch, signed like its playback (none where the delivery
/// cannot sign them).</summary>
public sealed class GetCaptions(GetPlayback playback)
{
    public IReadOnlyList<CaptionView> Handle(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (video.Captions.Count == 0 || playback.Handle(video) is not { } signed)
        {
            return [];
        }

        return video
            .Captions.Select(c =>
                signed.File(VideoMediaFiles.CaptionVtt(c)) is { } url ? new CaptionView(c, url) : null
            )
            .OfType<CaptionView>()
            .ToList();
    }
}
