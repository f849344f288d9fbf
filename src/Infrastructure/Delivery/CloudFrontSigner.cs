using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Delivery;

/// <summary>The <c>StreamEngine:CloudFront</c> section.</summary>
public sealed class CloudFrontOptions
{
    public const string Section = "StreamEngine:CloudFront";

    /// <summary>The distribution's base URL, e.g. https://d111111abcdef8.cloudfront.net.</summary>
    public Uri? Domain { get; set; }

    /// <summary>The public key's id in the distribution's trusted key group.</summary>
    public string? KeyPairId { get; set; }

    /// <summary>The RSA private key, PEM.</summary>
    public string? PrivateKeyPem { get; set; }

    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>CloudFront signed URLs and signed cookies with a custom policy covering one video's prefix, made as
/// CloudFront documents: the policy JSON without spaces, an RSA-SHA1 (PKCS #1 v1.5) signature, both in CloudFront's
/// URL-safe base64 (+ to -, = to _, / to ~), with the key pair id. Contract-tested only: CloudFront cannot be reached
/// here, so tests verify the signature with the public key.</summary>
public sealed class CloudFrontSigner(IOptions<CloudFrontOptions> options) : IPlaybackUrlSigner
{
    public SignedPlayback Sign(Guid videoId, DateTimeOffset now, PlaybackAudience audience)
    {
        var (policy, signature, expires) = PolicyFor(videoId, now);
        var query = $"?Policy={policy}&Signature={signature}&Key-Pair-Id={Uri.EscapeDataString(Settings.KeyPairId!)}";
        var folder = new Uri(Settings.Domain!, $"/{videoId:N}/");
        return new SignedPlayback(
            new Uri(new Uri(folder, "master.m3u8") + query),
            new Uri(new Uri(folder, "poster.jpg") + query),
            expires,
            folder,
            query
        );
    }

    /// <summary>The three cookies that let a player fetch everything under the video's prefix (relative URLs in the
    /// playlists carry no query string, so players use these or append the query themselves).</summary>
    public IReadOnlyDictionary<string, string> SignedCookies(Guid videoId, DateTimeOffset now)
    {
        var (policy, signature, _) = PolicyFor(videoId, now);
        return new Dictionary<string, string>
        {
            ["CloudFront-Policy"] = policy,
            ["CloudFront-Signature"] = signature,
            ["CloudFront-Key-Pair-Id"] = Settings.KeyPairId!,
        };
    }

    /// <summary>The canonical policy text (what is signed) for a resource and expiry.</summary>
    public static string PolicyJson(string resource, long epochSeconds) =>
        "{\"Statement\":[{\"Resource\":\""
        + resource
        + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
        + epochSeconds.ToString(CultureInfo.InvariantCulture)
        + "}}}]}";

    public static string UrlSafeBase64(byte[] bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('=', '_').Replace('/', '~');

    private CloudFrontOptions Settings =>
        options.Value.Domain is null
        || string.IsNullOrEmpty(options.Value.KeyPairId)
        || string.IsNullOrEmpty(options.Value.PrivateKeyPem)
            ? throw new InvalidOperationException(
                $"{CloudFrontOptions.Section}:Domain, KeyPairId and PrivateKeyPem are required for CloudFront delivery."
            )
            : options.Value;

    private (string Policy, string Signature, DateTimeOffset Expires) PolicyFor(Guid videoId, DateTimeOffset now)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + Settings.UrlLifetime).ToUnixTimeSeconds());
        var resource = new Uri(Settings.Domain!, $"/{videoId:N}/*").ToString();
        var policy = Encoding.UTF8.GetBytes(PolicyJson(resource, expires.ToUnixTimeSeconds()));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(Settings.PrivateKeyPem);
#pragma warning disable CA5350 // CloudFront's signed-URL algorithm is RSA-SHA1; it is not ours to choose.
        var signature = rsa.SignData(policy, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
#pragma warning restore CA5350
        return (UrlSafeBase64(policy), UrlSafeBase64(signature), expires);
    }
}
