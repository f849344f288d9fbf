using System.Globalization;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Infrastructure.Delivery;

public enum DeliveryProvider
{
    /// <summary>Signed <c>/media/…</c> URLs served by this server.</summary>
    Local,

    /// <summary>CloudFront signed URLs (<c>StreamEngine:CloudFront</c>).</summary>
    CloudFront,
}

/// <summary>The <c>StreamEngine:Delivery</c> section.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "StreamEngine:Delivery";

    public DeliveryProvider Provider { get; set; } = DeliveryProvider.Local;

    /// <summary>How long a playback URL works; long enough to watch a long video to the end.</summary>
    public TimeSpan PlaybackUrlLifetime { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>Playback from this server: <c>/media/{video}/{token}/master.m3u8</c>. The token (expiry, audience and an
/// HMAC of both with the video id) sits in the path, so the playlists' relative URLs carry it to every rendition and
/// segment. A token for the public (not the owner) stops working as soon as the video may no longer be seen by
/// strangers: the media endpoint re-checks that, with a short cache.</summary>
public sealed class LocalSignedUrls(
    UrlSignature signature,
    LocalDiskStorage storage,
    IPublicUrls urls,
    IClock clock,
    IOptions<DeliveryOptions> options
) : IPlaybackUrlSigner, IMediaFiles
{
    public SignedPlayback Sign(Guid videoId, DateTimeOffset now, PlaybackAudience audience)
    {
        var expires = now + options.Value.PlaybackUrlLifetime;
        var unix = expires.ToUnixTimeSeconds();
        var scope = Scope(audience);
        var token = string.Create(
            CultureInfo.InvariantCulture,
            $"{unix}-{scope}-{signature.Sign(Canonical(videoId, unix, scope))}"
        );
        var folder = new Uri(urls.BaseUrl, $"/media/{videoId:N}/{token}/");
        return new SignedPlayback(
            new Uri(folder, "master.m3u8"),
            new Uri(folder, "poster.jpg"),
            DateTimeOffset.FromUnixTimeSeconds(unix),
            folder
        );
    }

    public MediaFile Resolve(Guid videoId, string token, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('-', 3);
        if (
            parts.Length != 3
            || parts[1] is not ("p" or "o")
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || !signature.Verify(Canonical(videoId, unix, parts[1]), parts[2])
        )
        {
            return new MediaFile(MediaLookup.BadSignature, null, PlaybackAudience.Public);
        }

        var audience = parts[1] == "o" ? PlaybackAudience.Owner : PlaybackAudience.Public;
        if (unix <= clock.UtcNow.ToUnixTimeSeconds())
        {
            return new MediaFile(MediaLookup.BadSignature, null, audience);
        }

        // A file still being written (ffmpeg's and our playlists' temporary names) is never served.
        var root = storage.MediaOf(videoId) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relativePath ?? string.Empty));
        return
            path.StartsWith(root, StringComparison.Ordinal)
            && !path.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
            && File.Exists(path)
            ? new MediaFile(MediaLookup.Found, path, audience)
            : new MediaFile(MediaLookup.NotFound, null, audience);
    }

    private static string Scope(PlaybackAudience audience) => audience == PlaybackAudience.Owner ? "o" : "p";

    private static string Canonical(Guid videoId, long expires, string scope) =>
        string.Create(CultureInfo.InvariantCulture, $"GET\nmedia\n{videoId:N}\n{expires}\n{scope}");
}
