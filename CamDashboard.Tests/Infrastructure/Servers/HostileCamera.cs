using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenCvSharp;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>A compromised "camera" on 127.0.0.1, raw sockets, that attacks whoever reads it, by path:
/// <c>/endless.jpg</c> (a JPEG answer with no length and no end), <c>/endless-part</c> (multipart
/// whose one part never ends), <c>/no-boundary</c> (multipart that never sends a boundary),
/// <c>/huge.jpg</c> (a small JPEG whose header claims 12000×12000), <c>/drip.jpg</c> (a byte now
/// and then) and <c>/loop</c> (a redirect to itself). It counts connections, and the most open at once.</summary>
public sealed class HostileCamera : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TcpClient, byte> _clients = new();
    private int _open;
    private int _mostOpen;
    private int _connections;

    public HostileCamera()
    {
        Random.Shared.NextBytes(_chunk);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

    public int Connections => Volatile.Read(ref _connections);

    public int MostOpenAtOnce => Volatile.Read(ref _mostOpen);

    public int OpenNow => Volatile.Read(ref _open);

    /// <summary>A real 64×48 JPEG whose frame header is rewritten to claim <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.Gray);
        Cv2.ImEncode(".jpg", image, out var jpeg);
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                (jpeg[i + 5], jpeg[i + 6], jpeg[i + 7], jpeg[i + 8]) = ((byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No frame header in the JPEG.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _open);
        _clients[client] = 0;
        // Open at once, as the kernel sees it when this one arrives: a connection whose reader has
        // hung up (its FIN is in) is not open, however late this server's loop gets to notice.
        var open = _clients.Keys.Count(c => !HungUp(c));
        int most;
        while (open > (most = Volatile.Read(ref _mostOpen)) && Interlocked.CompareExchange(ref _mostOpen, open, most) != most)
        {
        }

        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                var path = request.Split(' ')[1];
                switch (path)
                {
                    case "/endless.jpg":
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync((byte[])[0xFF, 0xD8], _stop.Token);
                        await FloodAsync(stream);
                        break;
                    case "/endless-part":
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\nConnection: close\r\n\r\n--frame\r\nContent-Type: image/jpeg\r\n\r\n");
                        await FloodAsync(stream);
                        break;
                    case "/no-boundary":
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\nConnection: close\r\n\r\n");
                        await FloodAsync(stream);
                        break;
                    case "/huge.jpg":
                        var huge = JpegClaiming(12000, 12000);
                        await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {huge.Length}\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync(huge, _stop.Token);
                        break;
                    case "/drip.jpg":
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
                        // Counted open until the reader really hangs up, not until a write happens to fail.
                        while (!_stop.IsCancellationRequested && !HungUp(client))
                        {
                            await stream.WriteAsync((byte[])[0xFF], _stop.Token);
                            await Task.Delay(50, _stop.Token);
                        }

                        break;
                    default:
                        await WriteAsync(stream, $"HTTP/1.1 302 Found\r\nLocation: {path}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The reader gave up on us, or the test is over.
            }
            finally
            {
                _clients.TryRemove(client, out _);
                Interlocked.Decrement(ref _open);
            }
        }
    }

    private static bool HungUp(TcpClient client)
    {
        try
        {
            return client.Client.Poll(0, SelectMode.SelectRead) && client.Available == 0;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private async Task FloodAsync(NetworkStream stream)
    {
        while (!_stop.IsCancellationRequested)
        {
            await stream.WriteAsync(_chunk, _stop.Token);
        }
    }

    private async Task WriteAsync(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);

    private async Task<string> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return text;
            }
        }

        throw new IOException("incomplete request");
    }
}
