using System.Net;
using System.Net.Sockets;

namespace CamDashboard.Streaming.Viewers;

/// <summary>Who a per-address rule counts as one client: an IPv4 address, or an IPv6 address's
/// /64 — one LAN host or ISP customer has a whole /64, and could otherwise take a new address
/// for every connection, stream, guess or ban.</summary>
public static class AddressGroup
{
    /// <summary>The group of <paramref name="address"/>: "192.0.2.7", or "2001:db8:1:2::/64".</summary>
    public static string Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The group of an address written as text (as a viewer's is kept); the text itself when it is no address.</summary>
    public static string? Of(string? address) =>
        address is null ? null : IPAddress.TryParse(address, out var parsed) ? Of(parsed) : address;
}
