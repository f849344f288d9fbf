namespace StreamEngine.Application.Abstractions;

/// <summary>Signed playback of one video. Where the delivery signs the video's whole folder (local, CloudFront),
/// <see cref="FolderUrl"/> and <see cref="Query"/> sign any other file in it (storyboard, captions,
/// download).</summary>
public sealed record SignedPlayback(
    Uri HlsUrl,
    Uri PosterUrl,
    DateTimeOffset ExpiresAt,
    Uri? FolderUrl = null,
    string Query = ""
)
{
    /// <summary>The signed URL of a file in the video's folder, or null where the delivery cannot sign one.</summary>
    public Uri? File(string relativePath) =>
        FolderUrl is null ? null : new Uri(new Uri(FolderUrl, relativePath) + Query);
}

/// <summary>Who a playback URL is for: its owner (who may watch a private video), or anyone who may see the video
/// now, which a delivery that can check (the local one) re-checks while the URL is used.</summary>
public enum PlaybackAudience
{
    Public,
    Owner,
}

/// <summary>Signs expiring playback URLs that cover a video's whole folder (so playlists' relative URLs
/// work).</summary>
public interface IPlaybackUrlSigner
{
    SignedPlayback Sign(Guid videoId, DateTimeOffset now, PlaybackAudience audience);
}
