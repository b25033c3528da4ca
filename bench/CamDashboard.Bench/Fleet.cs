using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CamDashboard.Bench;

/// <summary>A fleet of real RTSP cameras on a small box: GStreamer's RTSP server (bench/rtsp_fleet.py)
/// serves a 1920×1080 main stream and a 640×360 substream, both 25 fps H.264 with a 2 s GOP, from
/// shared factories (the stand-in encodes each once, however many cameras connect). For 4 and 16
/// cameras, with and without substreams, it measures what the app costs — its own CPU and its
/// FFmpeg children's — with nobody watching, with the dashboard's tile socket open for every
/// camera, and with one full-size viewer beside it; the floors are Debian's ffmpeg doing the least
/// work each job needs, in the same run. Then the first frame after standby, ten times.</summary>
internal static class Fleet
{
    private const int RtspPort = 8554;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly string Main = $"rtsp://127.0.0.1:{RtspPort}/main";
    private static readonly string Sub = $"rtsp://127.0.0.1:{RtspPort}/sub";

    public static async Task<List<string>> RunAsync(string appDll, string benchFolder)
    {
        using var cameras = new Child(Start("/usr/bin/python3", Path.Combine(benchFolder, "rtsp_fleet.py"), RtspPort.ToString(CultureInfo.InvariantCulture)));
        await WaitForLineAsync(cameras.Process, "ready");
        // A real camera encodes whether or not anyone watches: keep the shared pictures running.
        using var keepMain = new Child(Ffmpeg("-rtsp_transport", "tcp", "-i", Main, "-map", "0:v:0", "-c", "copy", "-f", "null", "-"));
        using var keepSub = new Child(Ffmpeg("-rtsp_transport", "tcp", "-i", Sub, "-map", "0:v:0", "-c", "copy", "-f", "null", "-"));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var copyFloor = await FloorAsync("-i", Main, "-map", "0:v:0", "-c:v", "copy", "-f", "null", "-");
        var mainTileFloor = await FloorAsync("-i", Main, "-map", "0:v:0", "-vf", "fps=10,scale=480:-2", "-c:v", "mjpeg", "-f", "null", "-");
        var subTileFloor = await FloorAsync("-i", Sub, "-map", "0:v:0", "-vf", "fps=10", "-c:v", "mjpeg", "-f", "null", "-");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fleet floors: copy {copyFloor:0.0} %, main tile {mainTileFloor:0.0} %, sub tile {subTileFloor:0.0} %"));

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Fleet: GStreamer's RTSP server on 127.0.0.1 (bench/rtsp_fleet.py: a moving zone plate, x264 ultrafast, main 1920×1080 25 fps 4 Mbit/s, sub 640×360 25 fps 512 kbit/s, a key frame every 2 s, shared factories kept running by a client outside the app); the app's published build in Production with its defaults; CPU of the app and its FFmpeg children from /proc, per camera, over {Window.TotalSeconds:0} s after {Warmup.TotalSeconds:0} s; the stand-in's own encoding shares the two cores and is not counted. " +
                $"Floors in the same run (Debian's ffmpeg): copy of the main stream `-c:v copy -f null` **{copyFloor:0.0} %**; a 480-px tile at 10 fps from the main stream `-vf fps=10,scale=480:-2 -c:v mjpeg -f null` **{mainTileFloor:0.0} %**; the substream at 10 fps `-vf fps=10 -c:v mjpeg -f null` **{subTileFloor:0.0} %**."),
            "",
            "| cameras | substreams | scenario | app CPU % (all cameras) | per camera % | floor per camera % | ratio | tile fps min / median | app RSS MB |",
            "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |",
        };
        foreach (var count in (int[])[4, 16])
        {
            foreach (var withSub in (bool[])[true, false])
            {
                lines.AddRange(await RowsAsync(appDll, count, withSub, copyFloor, withSub ? subTileFloor : mainTileFloor));
            }
        }

        lines.Add("");
        lines.Add("Where a row's tiles fall short of 10 fps the two cores ran out (the stand-in's own encoding takes about three quarters of one): sixteen 1080p main streams cannot all be decoded here, which is what substreams are for. A full-size viewer costs one 1080p decode and JPEG encode per frame; the stand-in's shared picture then goes at the pace of its slowest client, so without substreams every tile of the fleet slows with it (real cameras serve each client apart).");
        lines.Add("");
        lines.Add(await WakeUpsAsync(appDll));
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        return lines;
    }

    private static async Task<List<string>> RowsAsync(string appDll, int count, bool withSub, double copyFloor, double tileFloor)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            settings[$"Cameras__{i}__Id"] = i == 0 ? "bench" : $"cam{i}";
            settings[$"Cameras__{i}__Source"] = Main;
            settings[$"Cameras__{i}__MaxFps"] = "25";
            if (withSub)
            {
                settings[$"Cameras__{i}__Substream"] = Sub;
            }
        }

        var rows = new List<string>();
        await using var server = await ServerProcess.StartAsync(appDll, 5199, settings);
        await WaitForStatesAsync(server, count, "Standby", TimeSpan.FromSeconds(60));
        var label = withSub ? "yes" : "no";
        var idle = await MeasureAsync(server, tiles: null);
        rows.Add(Row(count, label, "nobody watching", idle, copyFloor, null));

        var ids = string.Join(',', Enumerable.Range(0, count).Select(i => i == 0 ? "bench" : $"cam{i}"));
        using var stop = new CancellationTokenSource();
        var tiles = new FleetTiles(server, $"/ws/tiles?cameras={ids}");
        var tileRun = tiles.RunAsync(stop.Token);
        var dashboard = await MeasureAsync(server, tiles);
        rows.Add(Row(count, label, "dashboard: a tile per camera", dashboard, tileFloor, dashboard.TileFps));

        // The camera page of one camera beside it: that camera's full-size picture from its main stream.
        var viewer = FullViewerAsync(server, stop.Token);
        var withViewer = await MeasureAsync(server, tiles);
        rows.Add(Row(count, label, "dashboard + one full-size viewer", withViewer, null, withViewer.TileFps));
        await stop.CancelAsync();
        await Task.WhenAll(tileRun, viewer);
        return rows;
    }

    private static string Row(int count, string substreams, string scenario, Figures figures, double? floor, (double Min, double Median)? tileFps)
    {
        var perCamera = figures.CpuPercent / count;
        // Tiles short of their 10 fps: the cores ran out, and a ratio to a floor at 10 fps says nothing.
        floor = tileFps is { Min: < 9.5 } ? null : floor;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {substreams} | {scenario} | {figures.CpuPercent:0.0} | {perCamera:0.00} | {(floor is { } f ? f.ToString("0.0", CultureInfo.InvariantCulture) : "—")} | {(floor is { } g ? (perCamera / g).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—")} | {(tileFps is { } t ? $"{t.Min:0.0} / {t.Median:0.0}" : "—")} | {figures.RssMb:0} |");
    }

    private static async Task<Figures> MeasureAsync(ServerProcess server, FleetTiles? tiles)
    {
        await Task.Delay(Warmup);
        var cpu0 = ProcessTree.CpuSeconds(server.ProcessId);
        var frames0 = tiles?.Counts();
        var clock = Stopwatch.StartNew();
        await Task.Delay(Window);
        var cpu1 = ProcessTree.CpuSeconds(server.ProcessId);
        var seconds = clock.Elapsed.TotalSeconds;
        (double, double)? fps = null;
        if (tiles is not null)
        {
            var frames1 = tiles.Counts();
            var rates = frames1.Select(kv => (kv.Value - frames0!.GetValueOrDefault(kv.Key)) / seconds).Order().ToList();
            fps = rates.Count == 0 ? (0, 0) : (rates[0], Stats.Percentile(rates, 50));
        }

        var figures = new Figures((cpu1 - cpu0) / seconds * 100, server.RssBytes() / 1e6, fps);
        return figures;
    }

    private sealed record Figures(double CpuPercent, double RssMb, (double Min, double Median)? TileFps);

    // Ten times: from a stream request to its first frame, the camera in standby before each.
    private static async Task<string> WakeUpsAsync(string appDll)
    {
        var settings = new Dictionary<string, string>
        {
            ["Cameras__0__Id"] = "bench",
            ["Cameras__0__Source"] = Main,
            ["Cameras__0__MaxFps"] = "25",
        };
        await using var server = await ServerProcess.StartAsync(appDll, 5199, settings);
        using var client = new HttpClient { BaseAddress = new Uri($"http://{server.Endpoint}") };
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(ServerProcess.Authorization);
        var times = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            await WaitForStatesAsync(server, 1, "Standby", TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync("/stream/bench", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            var seen = new StringBuilder();
            // The first part is whole once its Content-Length of bytes followed its headers; its
            // headers arriving is when the frame left the server.
            while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await body.ReadAsync(buffer);
                seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wake-up {i + 1}: {times[^1]:0.00} s"));
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"First frame after standby (one 1920×1080 camera, 2 s GOP, `GET /stream/bench` to the first part, the camera in standby before each, 10 wake-ups): **median {Stats.Percentile(times, 50):0.00} s, max {times.Max():0.00} s** (target: one GOP + 1 s = 3 s). The stand-in starts every new client on a key frame (GStreamer asks its encoder for one); a camera that does not makes a viewer wait for its next one, up to the GOP more.");
    }

    private static async Task WaitForStatesAsync(ServerProcess server, int count, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var states = (await server.ApiAsync("/api/cameras")).EnumerateArray().Select(c => c.GetProperty("state").GetString()).ToList();
            if (states.Count == count && states.All(s => s == state))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The cameras did not all reach {state} within {timeout.TotalSeconds:0} s.");
    }

    private static async Task FullViewerAsync(ServerProcess server, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{server.Endpoint}") };
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(ServerProcess.Authorization);
        try
        {
            using var response = await client.GetAsync("/stream/bench?tier=full", HttpCompletionOption.ResponseHeadersRead, stop);
            await using var body = await response.Content.ReadAsStreamAsync(stop);
            var buffer = new byte[256 * 1024];
            while (await body.ReadAsync(buffer, stop) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    // The CPU one ffmpeg spends on a job, for the floors.
    private static async Task<double> FloorAsync(params string[] job)
    {
        using var process = Ffmpeg(["-rtsp_transport", "tcp", .. job]);
        await Task.Delay(Warmup);
        var cpu0 = ProcessTree.CpuSeconds(process.Id);
        var clock = Stopwatch.StartNew();
        await Task.Delay(Window);
        var cpu = (ProcessTree.CpuSeconds(process.Id) - cpu0) / clock.Elapsed.TotalSeconds * 100;
        process.Kill();
        await process.WaitForExitAsync();
        return cpu;
    }

    private static Process Ffmpeg(params string[] args) => Start("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", .. args]);

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForLineAsync(Process process, string expected)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{process.StartInfo.FileName} exited before saying '{expected}'.");
    }

    /// <summary>A helper process that ends with the run, whatever ends it.</summary>
    private sealed class Child(Process process) : IDisposable
    {
        public Process Process => process;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    /// <summary>The dashboard's one tile socket for every camera, counting frames per camera.</summary>
    private sealed class FleetTiles(ServerProcess server, string path)
    {
        private readonly Dictionary<string, long> _frames = [];

        public Dictionary<string, long> Counts()
        {
            lock (_frames)
            {
                return new Dictionary<string, long>(_frames);
            }
        }

        public async Task RunAsync(CancellationToken stop)
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", ServerProcess.Authorization);
            await socket.ConnectAsync(new Uri($"ws://{server.Endpoint}{path}"), stop);
            var buffer = new byte[4 << 20];
            try
            {
                while (true)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult received;
                    do
                    {
                        received = await socket.ReceiveAsync(buffer.AsMemory(length), stop);
                        length += received.Count;
                    }
                    while (!received.EndOfMessage);

                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        throw new InvalidOperationException($"The server closed the tile socket: {socket.CloseStatus} {socket.CloseStatusDescription}");
                    }

                    var id = Encoding.UTF8.GetString(buffer, 1, buffer[0]);
                    lock (_frames)
                    {
                        _frames[id] = _frames.GetValueOrDefault(id) + 1;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }
}
