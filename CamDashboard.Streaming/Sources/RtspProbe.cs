using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace CamDashboard.Streaming.Sources;

/// <summary>Asks an RTSP camera for its stream's description (<c>DESCRIBE</c>), answering a
/// Basic or Digest challenge, and reads nothing else: how a camera in standby is checked. It
/// proves what a viewer would need — the host answers, the credentials are right, the stream
/// exists — for a few hundred bytes each time, where keeping the stream open would move its
/// every packet (and FFmpeg cannot switch a running copy to decoding anyway: waking restarts it).</summary>
internal static class RtspProbe
{
    private const int MaxResponseBytes = 64 * 1024;

    /// <summary>Throws <see cref="CameraSourceException"/> unless the camera describes the stream within <paramref name="timeout"/>.</summary>
    public static void Check(Uri url, NetworkCredential? credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var host = url.Host;
        var port = url.Port > 0 ? url.Port : url.Scheme == "rtsps" ? 322 : 554;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = (int)timeout.TotalMilliseconds, SendTimeout = (int)timeout.TotalMilliseconds };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // Closing the socket is what ends a blocked connect or read.
        using var closeOnCancel = deadline.Token.Register(static s => ((Socket)s!).Dispose(), socket);
        try
        {
            socket.Connect(Resolve(host), port);
            using Stream stream = url.Scheme == "rtsps" ? Secure(new NetworkStream(socket), host) : new NetworkStream(socket);
            var (status, reason, authenticate) = Describe(stream, url, 1, null);
            if (status == 401 && credential is not null && CameraChallenge.From(authenticate, credential) is { } challenge)
            {
                (status, reason, _) = Describe(stream, url, 2, challenge.Authorization("DESCRIBE", url.AbsoluteUri));
            }

            switch (status)
            {
                case 200:
                    return;
                case 401 or 403:
                    throw new CameraSourceException(SourceFault.Unauthorized, $"The camera refused the credentials ({status} {reason}).");
                case 404:
                    throw new CameraSourceException($"The camera has no stream at {url.AbsolutePath} (404 Not Found).");
                default:
                    throw new CameraSourceException($"The camera answered RTSP {status} {reason}.");
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            var error = (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode;
            throw error switch
            {
                SocketError.ConnectionRefused => new CameraSourceException(SourceFault.Unreachable, $"{host} refused the connection.", ex),
                SocketError.HostNotFound or SocketError.NoData => new CameraSourceException(SourceFault.Unreachable, $"The name '{host}' could not be resolved.", ex),
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => new CameraSourceException(SourceFault.Unreachable, $"{host} could not be reached (no route to host).", ex),
                _ when deadline.IsCancellationRequested || error == SocketError.TimedOut =>
                    new CameraSourceException(SourceFault.Unreachable, $"{host} could not be reached (timed out).", ex),
                _ => new CameraSourceException(SourceFault.Unreachable, $"{host} closed the connection ({error?.ToString() ?? ex.GetType().Name}).", ex),
            };
        }
    }

    private static IPAddress[] Resolve(string host)
    {
        try
        {
            return IPAddress.TryParse(host, out var address) ? [address] : Dns.GetHostAddresses(host);
        }
        catch (SocketException ex)
        {
            throw new CameraSourceException(SourceFault.Unreachable, $"The name '{host}' could not be resolved.", ex);
        }
    }

    // Cameras' certificates are their own, self-signed: like FFmpeg (tls_verify=0), the probe does not verify them.
    private static SslStream Secure(NetworkStream stream, string host)
    {
#pragma warning disable CA5359 // Camera certificates are self-signed; FFmpeg, which streams from them, does not verify them either.
        var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
#pragma warning restore CA5359
        tls.AuthenticateAsClient(host);
        return tls;
    }

    private static (int Status, string Reason, List<string> Authenticate) Describe(Stream stream, Uri url, int sequence, string? authorization)
    {
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"DESCRIBE {url.AbsoluteUri} RTSP/1.0\r\nCSeq: {sequence}\r\nUser-Agent: CamDashboard\r\nAccept: application/sdp\r\n");
        if (authorization is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n");
        }

        stream.Write(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        var head = ReadHead(stream);
        var lines = head.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("RTSP/", StringComparison.Ordinal) || !int.TryParse(statusLine[1], CultureInfo.InvariantCulture, out var status))
        {
            throw new CameraSourceException("The camera did not answer as an RTSP server.");
        }

        var authenticate = new List<string>();
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase))
            {
                authenticate.Add(value);
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, CultureInfo.InvariantCulture, out var declared))
            {
                length = Math.Clamp(declared, 0, MaxResponseBytes);
            }
        }

        // The description itself is not needed; it is read so the next request starts clean.
        var body = new byte[length];
        stream.ReadExactly(body);
        return (status, statusLine.Length > 2 ? statusLine[2] : "", authenticate);
    }

    private static string ReadHead(Stream stream)
    {
        var head = new List<byte>(512);
        while (head.Count < MaxResponseBytes)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new IOException("The camera closed the connection.");
            }

            head.Add((byte)b);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                return Encoding.ASCII.GetString([.. head]).TrimEnd();
            }
        }

        throw new CameraSourceException("The camera's RTSP answer is too large.");
    }
}
