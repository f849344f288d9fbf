using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A storyboard with its signed files.</summary>
public sealed record StoryboardView(Storyboard Layout, Uri VttUrl, Uri SpriteUrl);

/// <summary>The timeline previews of a video the caller may watch, signed like its playback; null when the video has
/// none or the delivery cannot sign them.</summary>
public sealed class GetStoryboard(GetPlayback playback)
{
    public StoryboardView? Handle(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return
            video.Storyboard is { } layout
            && playback.Handle(video) is { } signed
            && signed.File(VideoMediaFiles.StoryboardVtt) is { } vtt
            && signed.File(VideoMediaFiles.StoryboardSprite) is { } sprite
            ? new StoryboardView(layout, vtt, sprite)
            : null;
    }
}
