using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StreamEngine.Infrastructure.Pipelines.Cloudinary;

/// <summary>Cloudinary's three signatures (documented at cloudinary.com/documentation/signatures): API requests,
/// notifications and delivery URLs, each a SHA-1 or SHA-256 digest with the API secret appended.</summary>
public static class CloudinarySignature
{
    /// <summary>Parameters other than file, cloud_name, resource_type and api_key, sorted by name, as
    /// <c>name=value</c> joined with <c>&amp;</c>, the secret appended, digested to lowercase hex.</summary>
    public static string SignRequest(
        IEnumerable<KeyValuePair<string, string>> parameters,
        string secret,
        CloudinarySignatureAlgorithm algorithm
    )
    {
        var toSign = string.Join(
            '&',
            parameters
                .Where(p => p.Key is not ("file" or "cloud_name" or "resource_type" or "api_key") && p.Value.Length > 0)
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value)
        );
        return Convert.ToHexStringLower(Digest(toSign + secret, algorithm));
    }

    /// <summary>A notification's <c>X-Cld-Signature</c>: the body, then the <c>X-Cld-Timestamp</c>, then the
    /// secret.</summary>
    public static string SignNotification(
        string body,
        long timestamp,
        string secret,
        CloudinarySignatureAlgorithm algorithm
    ) => Convert.ToHexStringLower(Digest(body + timestamp.ToString(CultureInfo.InvariantCulture) + secret, algorithm));

    /// <summary>The <c>s--…--</c> path component of a signed delivery URL for <c>transformation/public_id.format</c>:
    /// the URL-safe base64 digest, 8 characters (SHA-1) or 32 (SHA-256).</summary>
    public static string SignDelivery(string toSign, string secret, CloudinarySignatureAlgorithm algorithm)
    {
        var digest = Convert.ToBase64String(Digest(toSign + secret, algorithm)).Replace('+', '-').Replace('/', '_');
        return "s--" + digest[..(algorithm == CloudinarySignatureAlgorithm.Sha1 ? 8 : 32)] + "--";
    }

    /// <summary>Cloudinary's token-based authentication: <c>__cld_token__=exp={unix}~acl={acl}~hmac={hex}</c>, the
    /// HMAC-SHA256 (key given in hex) of <c>exp=…~acl=…</c>, the ACL percent-escaped in lower case.</summary>
    public static string AuthToken(string hexKey, long expires, string acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var escaped = EscapeLower(acl);
        var signed = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"exp={expires}~acl={escaped}");
        var hmac = Convert.ToHexStringLower(
            HMACSHA256.HashData(Convert.FromHexString(hexKey), Encoding.UTF8.GetBytes(signed))
        );
        return $"__cld_token__={signed}~hmac={hmac}";
    }

    private static string EscapeLower(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b >= 0x80 || " \"#%&'/:;<=>?@[\\]^`{|}~".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('%').Append(Convert.ToHexStringLower([b]));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static byte[] Digest(string text, CloudinarySignatureAlgorithm algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5350 // SHA-1 is what Cloudinary's default signature algorithm is; SHA-256 is configurable.
        return algorithm == CloudinarySignatureAlgorithm.Sha256 ? SHA256.HashData(bytes) : SHA1.HashData(bytes);
#pragma warning restore CA5350
    }
}
