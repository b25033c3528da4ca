using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenCvSharp;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>A camera whose exact bytes the test knows: serves distinct JPEGs as an MJPEG stream
/// (<c>/mjpeg</c>, parts with Content-Length; <c>/mjpeg-nolength</c>, parts without) or one at a
/// time (<c>/snapshot.jpg</c>), optionally behind HTTP Basic or Digest. Raw sockets, so nothing
/// reframes them; every request is counted.</summary>
public sealed class JpegHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _basic;
    private readonly (string User, string Password)? _digest;
    private readonly Task _accepting;
    private int _next;
    private int _requests;

    public JpegHttpServer(string? user = null, string? password = null, int count = 5, bool digest = false)
    {
        _basic = user is null || digest ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        _digest = user is not null && digest ? (user, password ?? "") : null;
        Frames = [.. Enumerable.Range(0, count).Select(MakeJpeg)];
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The JPEGs served, in order, round and round.</summary>
    public IReadOnlyList<byte[]> Frames { get; }

    /// <summary>Requests received, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Snapshots served.</summary>
    public int SnapshotsServed => Volatile.Read(ref _next);

    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static byte[] MakeJpeg(int index)
    {
        using var image = new Mat(120, 160, MatType.CV_8UC3, new Scalar(40 * index % 255, 100, 200));
        Cv2.PutText(image, $"#{index}", new Point(20, 70), HersheyFonts.HersheySimplex, 1.2, Scalar.White, 2);
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 77));
        return jpeg;
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
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requests);
                var path = request.Split(' ')[1];
                if (_basic is not null && !request.Contains($"Authorization: {_basic}\r\n", StringComparison.OrdinalIgnoreCase))
                {
                    await WriteAsync(stream, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"cam\"\r\nContent-Length: 0\r\n\r\n");
                    return;
                }

                if (_digest is { } digest && !DigestOk(request, digest.User, digest.Password))
                {
                    await WriteAsync(stream, $"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"cam\", nonce=\"{Nonce}\", qop=\"auth\", algorithm=MD5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }

                if (path == "/index.html")
                {
                    // The camera's (or a router's) own web interface: what people paste by mistake.
                    const string page = "<!DOCTYPE html><html><head><title>IP Camera</title></head><body>Live view</body></html>";
                    await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {page.Length}\r\nConnection: close\r\n\r\n{page}");
                    return;
                }

                if (path.StartsWith("/snapshot.jpg", StringComparison.Ordinal))
                {
                    var jpeg = Frames[(Interlocked.Increment(ref _next) - 1) % Frames.Count];
                    await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(jpeg, _stop.Token);
                    return;
                }

                var withLength = path == "/mjpeg";
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=\"frame\"\r\nConnection: close\r\n\r\n");
                for (var i = 0; !_stop.IsCancellationRequested; i++)
                {
                    var jpeg = Frames[i % Frames.Count];
                    await WriteAsync(stream, withLength ? $"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n" : "--frame\r\nContent-Type: image/jpeg\r\n\r\n");
                    await stream.WriteAsync(jpeg, _stop.Token);
                    await WriteAsync(stream, "\r\n");
                    await Task.Delay(50, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The camera app went away, or the test is over.
            }
        }
    }

    // One nonce for the server's life: a client that reuses it (with a growing count) is asked once.
    private static readonly string Nonce = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    private static bool DigestOk(string request, string user, string password)
    {
        var header = request.Split("\r\n").FirstOrDefault(l => l.StartsWith("Authorization: Digest ", StringComparison.OrdinalIgnoreCase));
        if (header is null)
        {
            return false;
        }

        var fields = System.Text.RegularExpressions.Regex.Matches(header, @"(\w+)=(?:""([^""]*)""|([^\s,]+))")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value, StringComparer.OrdinalIgnoreCase);
#pragma warning disable CA5351 // Digest's own hash, as cameras use it.
        string Md5(string text) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
        var method = request.Split(' ')[0];
        var expected = Md5($"{Md5($"{user}:cam:{password}")}:{Nonce}:{fields.GetValueOrDefault("nc")}:{fields.GetValueOrDefault("cnonce")}:auth:{Md5($"{method}:{fields.GetValueOrDefault("uri")}")}");
        return fields.GetValueOrDefault("username") == user && fields.GetValueOrDefault("nonce") == Nonce && fields.GetValueOrDefault("response") == expected;
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
