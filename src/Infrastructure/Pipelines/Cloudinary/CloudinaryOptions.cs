namespace StreamEngine.Infrastructure.Pipelines.Cloudinary;

public enum CloudinarySignatureAlgorithm
{
    Sha1,
    Sha256,
}

/// <summary>The <c>StreamEngine:Cloudinary</c> section, used when <c>StreamEngine:Pipeline:Provider</c> is
/// <c>Cloudinary</c>.</summary>
public sealed class CloudinaryOptions
{
    public const string Section = "StreamEngine:Cloudinary";

    /// <summary>Cloudinary's smallest chunk (every chunk but the last must be at least this).</summary>
    public const int MinChunkBytes = 5 * 1024 * 1024;

    /// <summary>Our webhook, given to Cloudinary as <c>notification_url</c> on
    /// <c>StreamEngine:PublicBaseUrl</c>.</summary>
    public const string NotificationPath = "/pipeline/cloudinary";

    public string? CloudName { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiSecret { get; set; }

    /// <summary>The digest of request, notification and delivery signatures, as set for the product
    /// environment.</summary>
    public CloudinarySignatureAlgorithm SignatureAlgorithm { get; set; } = CloudinarySignatureAlgorithm.Sha1;

    /// <summary>The streaming profile of the eager HLS transformation (<c>sp_{profile}/m3u8</c>).</summary>
    public string StreamingProfile { get; set; } = "auto";

    /// <summary>Folder of the assets' public ids: <c>{Folder}/{videoId}</c>.</summary>
    public string Folder { get; set; } = "streamengine/videos";

    /// <summary>Upload chunk size (at least 5 MiB, Cloudinary's minimum for every chunk but the last).</summary>
    public int ChunkSizeBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Delivery type of the assets: <c>authenticated</c> (default: every URL signed, nothing reachable by
    /// guessing its public id) or <c>upload</c> (public URLs, for accounts that want them).</summary>
    public string DeliveryType { get; set; } = "authenticated";

    /// <summary>Signed delivery URLs (<c>s--…--</c>) for the <c>upload</c> type too (the <c>authenticated</c> type is
    /// always signed).</summary>
    public bool SignedDelivery { get; set; }

    /// <summary>Hex key of Cloudinary's token-based authentication (an account feature). When set, playback URLs
    /// carry an expiring <c>__cld_token__</c> for this video only, valid for <c>Delivery:PlaybackUrlLifetime</c>, so a
    /// URL handed out before a video turned private stops working when it expires; without it, Cloudinary's signed
    /// URLs do not expire.</summary>
    public string? AuthTokenKey { get; set; }

    /// <summary>How old a notification's <c>X-Cld-Timestamp</c> may be (Cloudinary retries for about 10
    /// minutes).</summary>
    public TimeSpan NotificationTolerance { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The Upload API's base address (a stand-in's in tests).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.cloudinary.com/");

    /// <summary>The delivery base address.</summary>
    public Uri DeliveryBaseUrl { get; set; } = new("https://res.cloudinary.com/");

    public string Eager => $"sp_{StreamingProfile}/m3u8";

    public string PublicId(Guid videoId) => $"{Folder.Trim('/')}/{videoId:N}";

    /// <summary>The video of one of our public ids, or null for any other asset.</summary>
    public Guid? VideoOf(string? publicId)
    {
        var prefix = Folder.Trim('/') + "/";
        return
            publicId is not null
            && publicId.StartsWith(prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(publicId[prefix.Length..], "N", out var id)
            ? id
            : null;
    }
}
