using System.Runtime.InteropServices;
using System.Net.Sockets;

namespace CamDashboard.Streaming.Delivery;

/// <summary>What the kernel knows about a TCP connection's progress: how many bytes the peer
/// has acknowledged, and the path's smallest round trip. Read from Linux's <c>TCP_INFO</c>
/// (kernel 4.10 or later); elsewhere there is nothing to read and delivery is not paced.</summary>
internal sealed class TcpProgress(Socket socket) : ILinkProgress
{
    private const int IpProtocolTcp = 6;
    private const int TcpInfo = 11;
    // Offsets in struct tcp_info (linux/tcp.h), which only ever grows at its end.
    private const int BytesAckedOffset = 120;
    private const int MinRttOffset = 148;
    private const int Needed = MinRttOffset + sizeof(uint);

    /// <summary>The connection's progress, or null where the kernel does not report it.</summary>
    public static TcpProgress? For(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var progress = new TcpProgress(socket);
        return progress.TryRead(out _, out _) ? progress : null;
    }

    public bool TryRead(out long bytesAcknowledged, out TimeSpan minRoundTrip)
    {
        Span<byte> info = stackalloc byte[256];
        bytesAcknowledged = 0;
        minRoundTrip = TimeSpan.Zero;
        try
        {
            if (socket.GetRawSocketOption(IpProtocolTcp, TcpInfo, info) < Needed)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }

        bytesAcknowledged = (long)MemoryMarshal.Read<ulong>(info[BytesAckedOffset..]);
        minRoundTrip = TimeSpan.FromMicroseconds(MemoryMarshal.Read<uint>(info[MinRttOffset..]));
        return true;
    }
}
