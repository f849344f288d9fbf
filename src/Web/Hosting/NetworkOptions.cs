using System.Net;
using Microsoft.Extensions.Options;

namespace StreamEngine.Web.Hosting;

/// <summary>The <c>StreamEngine:Network</c> section.</summary>
public sealed class NetworkOptions
{
    public const string Section = "StreamEngine:Network";

    /// <summary>Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed. Empty: none, the
    /// client address is the socket's peer.</summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Origins allowed by CORS for the API and media; "*" allows any.</summary>
    public IList<string> CorsOrigins { get; } = ["*"];
}

internal sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var bad = options
            .TrustedProxies.Where(p => !IPNetwork.TryParse(p, out _) && !IPAddress.TryParse(p, out _))
            .ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{NetworkOptions.Section}:TrustedProxies has entries that are neither an IP address nor a CIDR range: "
                    + string.Join(", ", bad)
                    + "."
            );
    }
}
