using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>A live HLS camera on 127.0.0.1: Debian's ffmpeg writes one-second segments of a test
/// source into a temporary folder, and Python's http.server serves the folder. Playlists hand
/// over a segment at a time, so a reader that takes frames as they arrive gets them in bursts.</summary>
public sealed class HlsCamera : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("camdashboard-hls-").FullName;
    private readonly Process _encoder;
    private readonly Process _server;

    public HlsCamera(int fps = 15)
    {
        Fps = fps;
        _encoder = Start("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i", $"testsrc=size=320x180:rate={fps}",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", fps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-f", "hls", "-hls_time", "1", "-hls_list_size", "4", "-hls_flags", "delete_segments", Path.Combine(_folder, "live.m3u8"));
        Port = ExternalCamera.FreePort();
        _server = Start("/usr/bin/python3", "-m", "http.server", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", _folder);
        // Live once the playlist names a few segments and the server answers.
        // A monotonic clock: the wall clock of these VMs can jump (seen: 23 s at once).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(20);
        while (!(File.Exists(Path.Combine(_folder, "live.m3u8")) && File.ReadAllText(Path.Combine(_folder, "live.m3u8")).Split(".ts").Length > 3 && Answers()))
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException("The HLS stand-in did not start within 20 s.");
            }

            Thread.Sleep(100);
        }
    }

    public int Fps { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/live.m3u8";

    public void Dispose()
    {
        foreach (var process in (Process[])[_encoder, _server])
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            process.WaitForExit(5000);
            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private bool Answers()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            return client.GetAsync(Url).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
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
}
