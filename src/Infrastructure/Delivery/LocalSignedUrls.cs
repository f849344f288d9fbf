using System.Globalization;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
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

/// <summary>Playback from this server: <c>/media/{video}/{token}/master.m3u8</c>. The token (expiry and HMAC of the
/// video id) sits in the path, so the playlists' relative URLs carry it to every rendition and segment.</summary>
public sealed class LocalSignedUrls(UrlSignature signature, LocalDiskStorage storage, IPublicUrls urls, IClock clock, IOptions<DeliveryOptions> options)
    : IPlaybackUrlSigner, IMediaFiles
{
    public SignedPlayback Sign(Guid videoId, DateTimeOffset now)
    {
        var expires = now + options.Value.PlaybackUrlLifetime;
        var unix = expires.ToUnixTimeSeconds();
        var token = string.Create(CultureInfo.InvariantCulture, $"{unix}-{signature.Sign(Canonical(videoId, unix))}");
        var folder = new Uri(urls.BaseUrl, $"/media/{videoId:N}/{token}/");
        return new SignedPlayback(new Uri(folder, "master.m3u8"), new Uri(folder, "poster.jpg"), DateTimeOffset.FromUnixTimeSeconds(unix));
    }

    public (MediaLookup Result, string? PhysicalPath) Resolve(Guid videoId, string token, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(token.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || !signature.Verify(Canonical(videoId, unix), token[(dash + 1)..]))
        {
            return (MediaLookup.BadSignature, null);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(unix) <= clock.UtcNow)
        {
            return (MediaLookup.BadSignature, null);
        }

        var root = storage.MediaOf(videoId) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relativePath ?? string.Empty));
        return path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path)
            ? (MediaLookup.Found, path)
            : (MediaLookup.NotFound, null);
    }

    private static string Canonical(Guid videoId, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"GET\nmedia\n{videoId:N}\n{expires}");
}
