using System.Globalization;
using System.Text;

namespace StreamEngine.Transcoder;

/// <summary>The shape of a storyboard: one tile every <see cref="IntervalSeconds"/> seconds (chosen so a video has
/// at most <see cref="MaxTiles"/> tiles), <see cref="Columns"/> tiles per row of one JPEG sprite, and a WebVTT file
/// whose cues point at each tile with a media fragment (<c>sprite.jpg#xywh=x,y,w,h</c>).</summary>
public sealed record StoryboardLayout(
    int IntervalSeconds,
    int TileWidth,
    int TileHeight,
    int Columns,
    int Rows,
    int Count
)
{
    public const string Folder = "storyboard";
    public const string SpriteFile = "sprite.jpg";
    public const string VttFile = "storyboard.vtt";
    public const int MaxTiles = 200;
    public const int TileLongSide = 160;

    /// <summary>The layout for a video of this duration and display size.</summary>
    public static StoryboardLayout For(double durationSeconds, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var interval = Math.Max(1, (int)Math.Ceiling(durationSeconds / MaxTiles));
        var count = Math.Max(1, (int)Math.Ceiling(durationSeconds / interval));
        var (tileWidth, tileHeight) =
            width >= height
                ? (TileLongSide, Even((int)Math.Round(TileLongSide * (double)height / width)))
                : (Even((int)Math.Round(TileLongSide * (double)width / height)), TileLongSide);
        var columns = Math.Min(10, count + 1);

        // One spare tile: the sampling filter may emit a last frame at the very end, which must not start a second
        // sprite.
        var rows = (count + columns) / columns;
        return new StoryboardLayout(interval, tileWidth, tileHeight, columns, rows, count);
    }

    /// <summary>The filter that turns decoded frames into the sprite.</summary>
    public string Filter =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"fps=1/{IntervalSeconds}:round=down,scale={TileWidth}:{TileHeight}:flags=bicubic,setsar=1,"
                + $"tile={Columns}x{Rows}"
        );

    /// <summary>The WebVTT cues: tile i covers [i*interval, min((i+1)*interval, duration)).</summary>
    public string Vtt(double durationSeconds, string spriteUrl = SpriteFile)
    {
        var text = new StringBuilder("WEBVTT\n");
        for (var i = 0; i < Count; i++)
        {
            var start = (double)i * IntervalSeconds;
            var end = Math.Min(start + IntervalSeconds, durationSeconds);
            if (end <= start)
            {
                break;
            }

            var x = i % Columns * TileWidth;
            var y = i / Columns * TileHeight;
            text.Append(
                CultureInfo.InvariantCulture,
                $"\n{Timestamp(start)} --> {Timestamp(end)}\n{spriteUrl}#xywh={x},{y},{TileWidth},{TileHeight}\n"
            );
        }

        return text.ToString();
    }

    public static string Timestamp(double seconds)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}"
        );
    }

    private static int Even(int value) => Math.Max(2, value - (value % 2));
}
