using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>A real camera stand-in run as a child process on 127.0.0.1: Debian's ffmpeg serving
/// HTTP MJPEG, or GStreamer's RTSP server serving H.264. Killed when disposed.</summary>
public sealed class ExternalCamera : IDisposable
{
    private readonly Process _process;
    private int _disposed;

    private ExternalCamera(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary><c>ffmpeg … -f mpjpeg -listen 1</c>: an MJPEG camera that serves one client, then exits.</summary>
    public static ExternalCamera FfmpegMjpeg(int? port = null, int fps = 15)
    {
        var chosen = port ?? FreePort();
        var process = Start("ffmpeg",
            "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i", $"testsrc=size=320x180:rate={fps}",
            "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-listen", "1", $"http://127.0.0.1:{chosen}/");
        WaitUntilListening(chosen, process);
        return new ExternalCamera(process, chosen);
    }

    /// <summary>GStreamer's RTSP server with an H.264 (or <c>jpeg</c>: MJPEG) test source at
    /// <c>rtsp://127.0.0.1:PORT/test</c>, a key frame every second.</summary>
    public static ExternalCamera Rtsp(string? user = null, string? password = null, string codec = "h264", int width = 320, int height = 180, int fps = 15, int? port = null)
    {
        var chosen = port ?? FreePort();
        var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Servers", "rtsp_server.py");
        // RTP/JPEG (RFC 2435) carries sizes in multiples of 8: 320×240 for MJPEG.
        if (codec == "jpeg")
        {
            height = 240;
        }

        string[] args = [script, .. new object[] { chosen, user ?? "", password ?? "", width, height, fps }.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)!), codec];
        var process = Start("/usr/bin/python3", args);
        WaitUntilListening(chosen, process);
        return new ExternalCamera(process, chosen);
    }

    /// <summary>Whether any ffmpeg process reads from this camera now (its port in ffmpeg's command line).</summary>
    public bool HasFfmpegReader() =>
        Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")).Any(path =>
        {
            try
            {
                var command = File.ReadAllText(path).Replace('\0', ' ');
                return command.Contains("ffmpeg", StringComparison.Ordinal) && command.Contains($"127.0.0.1:{Port}/", StringComparison.Ordinal)
                    && !command.Contains("-listen", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Idempotent: a test that kills the camera half-way still disposes it at the end.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited (ffmpeg -listen exits after its one client).
        }

        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Readiness is the port accepting; polling /proc/net/tcp does not consume ffmpeg's one client.
    // A connection already accepted on the port counts too: ffmpeg's -listen 1 stops listening once
    // it has its client, and an app retrying every 200 ms can be that client between two polls.
    /// <summary>Waits until something listens (or has accepted) on 127.0.0.1:<paramref name="port"/>; fails at once when <paramref name="process"/> exits first.</summary>
    public static void WaitUntilListening(int port, Process process)
    {
        var local = $":{port:X4}";
        // A monotonic clock: the wall clock of these VMs can jump (seen: 23 s at once).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(15);
        while (waited.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before listening on {port}.");
            }

            // Fields: sl, local address, remote address, state. State 0A is LISTEN, 01 ESTABLISHED.
            if (File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(f => f[1].EndsWith(local, StringComparison.Ordinal) && f[3] is "0A" or "01"))
            {
                return;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within 15 s.");
    }
}
