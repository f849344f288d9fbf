using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StreamEngine.Infrastructure.Webhooks;

/// <summary><c>StreamEngine-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>, one
/// <c>v1</c> per secret (two while a rotated secret overlaps), as Stripe and Mux sign.</summary>
public static class WebhookSignature
{
    public const string Header = "StreamEngine-Signature";
    public const string EventIdHeader = "StreamEngine-Event-Id";

    public static string Sign(IEnumerable<string> secrets, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp + "." + body);
        var parts = secrets.Select(secret =>
            "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))
        );
        return $"t={timestamp}," + string.Join(',', parts);
    }
}
