namespace StreamEngine.Domain.Videos;

/// <summary>The timeline previews of a video: a sprite of <see cref="Count"/> tiles, one every
/// <see cref="IntervalSeconds"/>, <see cref="Columns"/> to a row, and a WebVTT file pointing at each tile.</summary>
public sealed record Storyboard(int IntervalSeconds, int TileWidth, int TileHeight, int Columns, int Rows, int Count);

/// <summary>A caption track: its BCP-47 language, its label in the player's menu and the file key its WebVTT and
/// playlist are stored under (a new key per version, so cached copies never go stale).</summary>
public sealed record Caption(string Language, string Label, string Key, DateTimeOffset AddedAt);

/// <summary>One size of the video's poster image, stored under a key that changes when the poster does.</summary>
public sealed record Thumbnail(int Width, int Height, string File);

/// <summary>Where the progressive MP4 download of a video stands.</summary>
public enum DownloadState
{
    None = 0,
    Preparing = 1,
    Ready = 2,
    Failed = 3,
}
