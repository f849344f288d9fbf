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

    /// <summary>Open connections one client address may hold (trusted proxies are exempt): a slowloris client, or
    /// one that opens connections and never uses them, runs out of its own share, not the server's. Above the
    /// per-address WebSocket limit, so a busy client's HTTP keep-alives and sockets both fit.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 256;

    /// <summary>Open connections in all (null: no bound but the operating system's).</summary>
    public long? MaxConnections { get; set; }

    /// <summary>How long a client may take to send a request's headers (Kestrel's default is 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an idle keep-alive connection stays open.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>The slowest a client may read a response (bytes per second, averaged after
    /// <see cref="MinDataRateGracePeriod"/>) before the connection is closed: a client that stops reading frees its
    /// connection and buffers instead of holding them for ever. Slower-but-live readers are bounded by the per-address
    /// share and Kestrel's per-connection response buffer (64 KiB).</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>The slowest a client may send a request body (an upload part), likewise.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var bad = options
            .TrustedProxies.Where(p => !IPNetwork.TryParse(p, out _) && !IPAddress.TryParse(p, out _))
            .ToList();
        if (bad.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"{NetworkOptions.Section}:TrustedProxies has entries that are neither an IP address nor a CIDR range: "
                    + string.Join(", ", bad)
                    + "."
            );
        }

        return
            options.MaxConnectionsPerAddress < 1
            || options.MaxConnections < 1
            || options.RequestHeadersTimeout <= TimeSpan.Zero
            || options.KeepAliveTimeout <= TimeSpan.Zero
            || options.MinResponseBytesPerSecond <= 0
            || options.MinRequestBodyBytesPerSecond <= 0
            || options.MinDataRateGracePeriod <= TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Fail(
                $"{NetworkOptions.Section}: MaxConnectionsPerAddress, MaxConnections and the minimum data rates must "
                    + "be positive, the timeouts longer than zero and MinDataRateGracePeriod longer than a second."
            )
            : ValidateOptionsResult.Success;
    }
}
