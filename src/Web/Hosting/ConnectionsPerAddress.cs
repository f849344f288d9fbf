using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace StreamEngine.Web.Hosting;

/// <summary>Bounds the connections one client address holds open, before a byte of HTTP is read: the connection over
/// the bound gets a plain 429 and is closed. Trusted proxies are exempt (every client behind them shares their
/// address). Together with Kestrel's header timeout this keeps slowloris clients to their own share.</summary>
internal sealed class ConnectionsPerAddress(NetworkOptions options, Telemetry.SecurityMetrics metrics)
{
    private static readonly byte[] Refusal = Encoding.ASCII.GetBytes(
        "HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    );

    private readonly ConcurrentDictionary<IPAddress, int> _open = new();
    private readonly List<IPNetwork> _exempt =
    [
        .. options.TrustedProxies.Select(p =>
            IPNetwork.TryParse(p, out var network) ? network : Single(IPAddress.Parse(p))
        ),
    ];

    public ConnectionDelegate Wrap(ConnectionDelegate next) =>
        async connection =>
        {
            if (connection.RemoteEndPoint is not IPEndPoint { Address: var raw } || Exempt(raw))
            {
                await next(connection);
                return;
            }

            var address = raw.IsIPv4MappedToIPv6 ? raw.MapToIPv4() : raw;
            if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > options.MaxConnectionsPerAddress)
            {
                Release(address);
                metrics.ConnectionRefused();
                await connection.Transport.Output.WriteAsync(Refusal);
                await connection.Transport.Output.CompleteAsync();
                return;
            }

            try
            {
                await next(connection);
            }
            finally
            {
                Release(address);
            }
        };

    private static IPNetwork Single(IPAddress address) =>
        new(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);

    private bool Exempt(IPAddress address) =>
        _exempt.Exists(n => n.Contains(address) || (address.IsIPv4MappedToIPv6 && n.Contains(address.MapToIPv4())));

    private void Release(IPAddress address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }
}
