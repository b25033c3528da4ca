using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CamDashboard.Bench;

/// <summary>An HTTP MJPEG camera on 127.0.0.1 that costs next to nothing to run: it replays
/// 1280×720 JPEGs made once by ffmpeg, at 30 fps, so the server's ingest cost is what is measured.</summary>
internal sealed class MjpegUpstream : IAsyncDisposable
{
    private const int Fps = 30;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _parts;
    private readonly Task _serving;

    public MjpegUpstream()
    {
        _parts = MakeParts();
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/video";

    public double AverageFrameKb => _parts.Average(p => p.Length) / 1024.0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // ffmpeg's mpjpeg output is already a sequence of parts; each is kept whole.
    private static List<byte[]> MakeParts()
    {
        var file = Path.Combine(Path.GetTempPath(), $"camdashboard-bench-{Guid.NewGuid():N}.mjpeg");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-frames:v", "90", "-q:v", "5", "-f", "mpjpeg", "-y", file]))!)
        {
            ffmpeg.WaitForExit();
        }

        var bytes = File.ReadAllBytes(file);
        File.Delete(file);
        var parts = new List<byte[]>();
        var marker = "--ffmpeg"u8.ToArray();
        var start = bytes.AsSpan().IndexOf(marker);
        while (start >= 0)
        {
            var next = bytes.AsSpan(start + marker.Length).IndexOf(marker);
            var end = next < 0 ? bytes.Length : start + marker.Length + next;
            parts.Add(bytes[start..end]);
            start = next < 0 ? -1 : end;
        }

        return parts;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = StreamAsync(client);
        }
    }

    private async Task StreamAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new byte[4096];
                _ = await stream.ReadAsync(request, _stop.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=ffmpeg\r\nConnection: close\r\n\r\n"), _stop.Token);
                var clock = Stopwatch.StartNew();
                for (long i = 0; ; i++)
                {
                    await stream.WriteAsync(_parts[(int)(i % _parts.Count)], _stop.Token);
                    var due = TimeSpan.FromSeconds((i + 1) / (double)Fps) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, _stop.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The server reconnected or the benchmark is over.
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Url} ({AverageFrameKb:0} KB frames)");
}
