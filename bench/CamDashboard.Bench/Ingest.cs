using System.Globalization;
using System.Net.Http.Headers;

namespace CamDashboard.Bench;

/// <summary>What one MJPEG camera costs the server to take in: passed through (quality
/// Original) against decoded and re-encoded (quality 80), with one viewer so that frames are
/// published. CPU is the server's own, from /proc, over a fixed window; the median of three runs.</summary>
internal static class Ingest
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(string appDll)
    {
        await using var upstream = new MjpegUpstream();
        var original = await MedianAsync(appDll, upstream, quality: null);
        var reencoded = await MedianAsync(appDll, upstream, quality: "80");
        return string.Create(CultureInfo.InvariantCulture,
            $"Ingest of one 1280×720 30 fps HTTP MJPEG camera ({upstream.AverageFrameKb:0} KB frames, replayed on 127.0.0.1), one viewer, median of 3 runs: passthrough (quality Original) {original.Cpu:0.0} % of one core at {original.Fps:0.0} fps delivered; decode + re-encode at quality 80 {reencoded.Cpu:0.0} % at {reencoded.Fps:0.0} fps — {reencoded.Cpu / original.Cpu:0.0}× the passthrough cost.");
    }

    private static async Task<(double Cpu, double Fps)> MedianAsync(string appDll, MjpegUpstream upstream, string? quality)
    {
        var runs = new List<(double Cpu, double Fps)>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await MeasureAsync(appDll, upstream, quality));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest quality {quality ?? "Original"}: {runs[^1].Cpu:0.0} % CPU, {runs[^1].Fps:0.0} fps"));
        }

        return (Stats.Percentile([.. runs.Select(r => r.Cpu)], 50), Stats.Percentile([.. runs.Select(r => r.Fps)], 50));
    }

    private static async Task<(double Cpu, double Fps)> MeasureAsync(string appDll, MjpegUpstream upstream, string? quality)
    {
        var settings = new Dictionary<string, string>
        {
            ["Cameras__0__Source"] = upstream.Url,
            ["Cameras__0__Width"] = "0",
            ["Cameras__0__Height"] = "0",
        };
        if (quality is not null)
        {
            settings["Cameras__0__Quality"] = quality;
        }

        await using var server = await ServerProcess.StartAsync(appDll, 5199, settings);
        using var client = new HttpClient { BaseAddress = new Uri($"http://{server.Endpoint}") };
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(ServerProcess.Authorization);
        using var stop = new CancellationTokenSource();
        long boundaries = 0;
        var reading = Task.Run(async () =>
        {
            using var response = await client.GetAsync("/stream/bench", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
            var buffer = new byte[256 * 1024];
            while (true)
            {
                var read = await body.ReadAsync(buffer, stop.Token);
                // Each part starts with "--camdashboard-frame": counting its first bytes counts frames.
                boundaries += Count(buffer.AsSpan(0, read));
            }
        });

        await Task.Delay(Warmup);
        var (cpu0, frames0, clock) = (server.CpuSeconds(), Interlocked.Read(ref boundaries), System.Diagnostics.Stopwatch.StartNew());
        await Task.Delay(Window);
        var (cpu1, frames1, elapsed) = (server.CpuSeconds(), Interlocked.Read(ref boundaries), clock.Elapsed.TotalSeconds);
        await stop.CancelAsync();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        return ((cpu1 - cpu0) / elapsed * 100, (frames1 - frames0) / elapsed);
    }

    private static int Count(ReadOnlySpan<byte> data)
    {
        var count = 0;
        var marker = "--camdashboard-frame"u8;
        for (var i = data.IndexOf(marker); i >= 0; i = data.IndexOf(marker))
        {
            count++;
            data = data[(i + marker.Length)..];
        }

        return count;
    }
}
