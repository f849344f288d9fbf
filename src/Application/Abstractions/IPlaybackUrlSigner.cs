namespace StreamEngine.Application.Abstractions;

public sealed record SignedPlayback(Uri HlsUrl, Uri PosterUrl, DateTimeOffset ExpiresAt);

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
