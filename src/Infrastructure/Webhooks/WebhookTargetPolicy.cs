using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Webhooks;

/// <summary>https targets whose every DNS answer is public, unless private targets are allowed for development. Checked
/// when an endpoint is saved and again when each delivery connects (<see cref="GuardedConnect"/>), so a name that
/// later resolves elsewhere (DNS rebinding) is refused.</summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options) : IWebhookTargetPolicy
{
    public async Task<bool> IsAllowedAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (options.Value.AllowPrivateAddresses)
        {
            return url.Scheme is "https" or "http";
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        try
        {
            var addresses = IPAddress.TryParse(url.IdnHost, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
            return addresses.Length > 0 && addresses.All(PublicAddresses.IsPublic);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The connect step of the delivery client: resolves the host itself and connects only to a public address
/// (unless private targets are allowed), so the check holds for the connection actually made.</summary>
public static class GuardedConnect
{
    /// <summary>The handler of every client that fetches or posts on a user's behalf (webhooks, imports): guarded
    /// connect, no redirects, no cookies, no proxy.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) =>
        new()
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectCallback = For(allowPrivate),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };

    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> For(bool allowPrivate) =>
        async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, ct);
            var allowed = addresses.Where(a => allowPrivate || PublicAddresses.IsPublic(a)).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"'{host}' does not resolve to a public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
