using System.Globalization;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Infrastructure.Live;

/// <summary>Live playback from this server: <c>/live/{stream}/{token}/master.m3u8</c>, the token (expiry and an HMAC
/// of it with the stream id) in the path so the playlists' relative URLs carry it, as for videos.</summary>
public sealed class LocalLivePlayback(
    UrlSignature signature,
    LiveFolders folders,
    IPublicUrls urls,
    IClock clock,
    IOptions<DeliveryOptions> options
) : ILivePlaybackSigner
{
    public Uri Sign(Guid streamId, DateTimeOffset now)
    {
        var unix = (now + options.Value.PlaybackUrlLifetime).ToUnixTimeSeconds();
        var token = string.Create(CultureInfo.InvariantCulture, $"{unix}-{signature.Sign(Canonical(streamId, unix))}");
        return new Uri(urls.BaseUrl, $"/live/{streamId:N}/{token}/master.m3u8");
    }

    /// <summary>The file a signed live URL names, or why not.</summary>
    public MediaFile Resolve(Guid streamId, string token, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('-', 2);
        if (
            parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix <= clock.UtcNow.ToUnixTimeSeconds()
            || !signature.Verify(Canonical(streamId, unix), parts[1])
        )
        {
            return new MediaFile(MediaLookup.BadSignature, null, PlaybackAudience.Public);
        }

        var root = folders.StreamOf(streamId) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relativePath ?? string.Empty));
        return
            path.StartsWith(root, StringComparison.Ordinal)
            && !path.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
            && File.Exists(path)
            ? new MediaFile(MediaLookup.Found, path, PlaybackAudience.Public)
            : new MediaFile(MediaLookup.NotFound, null, PlaybackAudience.Public);
    }

    private static string Canonical(Guid streamId, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"GET\nlive\n{streamId:N}\n{expires}");
}
