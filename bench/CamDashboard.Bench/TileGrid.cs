using System.Globalization;
using System.Net.WebSockets;

namespace CamDashboard.Bench;

/// <summary>A 16-camera dashboard of 1280×720 cameras, read the way a browser's grid reads it:
/// one <c>/ws/tiles</c> socket for all cameras. Measures what the tile tier costs the browser
/// (bytes per second, bytes per tile frame) against the same socket asking for full-size frames
/// (what every tile got before the tile tier), and what it costs the server (encodes per
/// captured frame, CPU).</summary>
internal static class TileGrid
{
    private const int Cameras = 16;
    private const int CameraFps = 15;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(string appDll)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < Cameras; i++)
        {
            settings[$"Cameras__{i}__Id"] = i == 0 ? "bench" : $"cam{i}";
            settings[$"Cameras__{i}__Name"] = $"Camera {i}";
            settings[$"Cameras__{i}__Source"] = "testpattern";
            settings[$"Cameras__{i}__Width"] = "1280";
            settings[$"Cameras__{i}__Height"] = "720";
            settings[$"Cameras__{i}__MaxFps"] = CameraFps.ToString(CultureInfo.InvariantCulture);
            settings[$"Cameras__{i}__Texture"] = "true";
        }

        await using var server = await ServerProcess.StartAsync(appDll, 5199, settings);
        var ids = string.Join(',', Enumerable.Range(0, Cameras).Select(i => i == 0 ? "bench" : $"cam{i}"));
        using var stop = new CancellationTokenSource();

        // A dashboard alone: only the tile tier is encoded.
        var dashboard = new TileSocket(server, $"/ws/tiles?cameras={ids}");
        var dashboardRun = dashboard.RunAsync(stop.Token);
        var alone = await MeasureAsync(server, [dashboard]);

        // Beside it, the same socket asking for full-size frames, as every tile was before.
        var fullSize = new TileSocket(server, $"/ws/tiles?cameras={ids}&tier=full");
        var fullSizeRun = fullSize.RunAsync(stop.Token);
        var both = await MeasureAsync(server, [dashboard, fullSize]);
        await stop.CancelAsync();
        await Task.WhenAll(dashboardRun, fullSizeRun);

        var small = both.Sockets[0];
        var full = both.Sockets[1];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Tile grid: {Cameras} test-pattern cameras at 1280×720, {CameraFps} fps, textured (quality 80), one dashboard socket (`/ws/tiles`, 10 tile frames/s per camera), 10 s window. " +
            $"Tile tier (small): **{small.BytesPerSecond / 1e6:0.00} MB/s** for the browser, **{small.KbPerFrame:0.0} KB per tile frame**, {small.FramesPerSecond / Cameras:0.0} frames/s per tile; " +
            $"the same socket at full size: {full.BytesPerSecond / 1e6:0.00} MB/s, {full.KbPerFrame:0.0} KB per frame ({full.BytesPerSecond / small.BytesPerSecond:0.0}× the tile tier). " +
            $"Encodes per captured frame: {alone.EncodesPerCaptured:0.00} with the dashboard alone (server CPU {alone.CpuPercent:0} %), {both.EncodesPerCaptured:0.00} with a full-size viewer too (CPU {both.CpuPercent:0} %): the tile tier costs at most one extra encode per camera frame.");
        Console.WriteLine(line);
        return line;
    }

    private static async Task<Figures> MeasureAsync(ServerProcess server, TileSocket[] sockets)
    {
        await Task.Delay(Warmup);
        var counters0 = await server.CameraCountersAsync();
        var cpu0 = server.CpuSeconds();
        var start = sockets.Select(s => s.Snapshot()).ToArray();
        var t0 = Clock.Now;
        await Task.Delay(Measured);
        var seconds = Clock.Now - t0;
        var end = sockets.Select(s => s.Snapshot()).ToArray();
        var cpu1 = server.CpuSeconds();
        var counters1 = await server.CameraCountersAsync();
        var measured = sockets.Select((_, i) => new SocketFigures(
            (end[i].Bytes - start[i].Bytes) / seconds,
            (end[i].Frames - start[i].Frames) / seconds,
            (end[i].Bytes - start[i].Bytes) / 1024.0 / Math.Max(1, end[i].Frames - start[i].Frames))).ToArray();
        return new Figures(
            measured,
            (double)(counters1.Encoded - counters0.Encoded) / (counters1.Captured - counters0.Captured),
            (cpu1 - cpu0) / seconds * 100);
    }

    private sealed record SocketFigures(double BytesPerSecond, double FramesPerSecond, double KbPerFrame);

    private sealed record Figures(SocketFigures[] Sockets, double EncodesPerCaptured, double CpuPercent);
}
