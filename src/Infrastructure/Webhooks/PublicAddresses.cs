using System.Net;
using System.Net.Sockets;

namespace StreamEngine.Infrastructure.Webhooks;

/// <summary>Which addresses a request on a user's behalf may reach: public unicast only (no loopback, private,
/// link-local, CGNAT, multicast, unspecified, documentation, or cloud metadata addresses), IPv4-mapped IPv6
/// included.</summary>
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return !(
                address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast
                || (bytes[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8) // 2001:db8::/32
                || (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B) // NAT64
            );
        }

        var b = address.GetAddressBytes();
        return !(
            b[0] == 0 // this network
            || b[0] == 10
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // CGNAT
            || b[0] == 127
            || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 192 && b[1] == 0 && b[2] == 2) // TEST-NET-1
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
            || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
            || (b[0] == 203 && b[1] == 0 && b[2] == 113) // TEST-NET-3
            || b[0] >= 224 // multicast, reserved, broadcast
        );
    }
}
