using System.Globalization;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Where a video's media files sit in its folder (what the pipelines write and the delivery signs).</summary>
public static class VideoMediaFiles
{
    public const string StoryboardVtt = "storyboard/storyboard.vtt";
    public const string StoryboardSprite = "storyboard/sprite.jpg";
    public const string Poster = "poster.jpg";

    public static string CaptionVtt(Caption caption) => $"captions/{caption?.Key}.vtt";

    public static string CaptionPlaylist(Caption caption) => $"captions/{caption?.Key}.m3u8";

    public static string Thumbnail(string key, int width, int height) =>
        string.Create(CultureInfo.InvariantCulture, $"thumbnails/{key}-{width}x{height}.jpg");

    public static string Download(string key) => $"download/{key}.mp4";
}
