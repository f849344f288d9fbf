namespace StreamEngine.TranscoderTask;

/// <summary>How the task's output files are stored: their Content-Type and Cache-Control.</summary>
public static class S3TaskFiles
{
    public static string ContentTypeOf(string name) =>
        Path.GetExtension(name) switch
        {
            ".m3u8" => "application/vnd.apple.mpegurl",
            ".ts" => "video/mp2t",
            ".m4s" => "video/iso.segment",
            ".mp4" => "video/mp4",
            ".vtt" => "text/vtt",
            ".jpg" => "image/jpeg",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };

    /// <summary>Segments, init segments and images never change under their name; playlists and the rest may.</summary>
    public static string CacheControlOf(string name) =>
        Path.GetExtension(name) is ".ts" or ".m4s" or ".mp4" or ".jpg"
            ? "public, max-age=31536000, immutable"
            : "public, max-age=60";
}
