using System.Globalization;

namespace CamDashboard.Bench;

/// <summary>What watching for activity costs: eight textured 640×360 test-pattern cameras at
/// 5 fps, measured with activity off and on in alternating 10-s windows (three of each, the
/// median taken), once while a dashboard socket watches every camera's tiles at 5 fps (the
/// analysis alone: the small frames are made for the tiles anyway) and once with nobody
/// watching (all that opting in costs: the camera is captured and its small frames made for the
/// analysis only).</summary>
internal static class Activity
{
    private const int Cameras = 8;
    private const int CameraFps = 5;
    private const int Rounds = 3;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(string appDll)
    {
        var settings = new Dictionary<string, string>();
        var ids = Enumerable.Range(0, Cameras).Select(i => i == 0 ? "bench" : $"cam{i}").ToList();
        for (var i = 0; i < Cameras; i++)
        {
            settings[$"Cameras__{i}__Id"] = ids[i];
            settings[$"Cameras__{i}__Source"] = "testpattern";
            settings[$"Cameras__{i}__Width"] = "640";
            settings[$"Cameras__{i}__Height"] = "360";
            settings[$"Cameras__{i}__MaxFps"] = CameraFps.ToString(CultureInfo.InvariantCulture);
            settings[$"Cameras__{i}__Texture"] = "true";
        }

        await using var server = await ServerProcess.StartAsync(appDll, 5198, settings);
        var watched = await CompareAsync(server, ids, dashboard: true);
        var unwatched = await CompareAsync(server, ids, dashboard: false);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Activity: {Cameras} textured test-pattern cameras at 640×360, {CameraFps} fps, medians of {Rounds} alternating 10-s windows off and on, server CPU (app and children) as % of one core. " +
            $"With a dashboard socket watching every camera's tiles at {CameraFps} fps: {watched.Off:0.0} % off, {watched.On:0.0} % on — **{(watched.On - watched.Off) / Cameras:0.00} % of a core per camera** for the analysis " +
            $"({watched.Active} of {Cameras} cameras active on the moving pattern). " +
            $"With nobody watching: {unwatched.Off:0.0} % off (standby), {unwatched.On:0.0} % on — **{(unwatched.On - unwatched.Off) / Cameras:0.00} % per camera** for capture, small frames and analysis together.");
        Console.WriteLine(line);
        return line;
    }

    private static async Task<(double Off, double On, int Active)> CompareAsync(ServerProcess server, List<string> ids, bool dashboard)
    {
        using var stop = new CancellationTokenSource();
        var socket = dashboard ? new TileSocket(server, $"/ws/tiles?cameras={string.Join(',', ids)}&fps={CameraFps}") : null;
        var running = socket?.RunAsync(stop.Token) ?? Task.CompletedTask;
        var off = new List<double>();
        var on = new List<double>();
        var active = 0;
        for (var round = 0; round < Rounds; round++)
        {
            await SwitchAsync(server, ids, false);
            off.Add(await CpuPercentAsync(server));
            await SwitchAsync(server, ids, true);
            on.Add(await CpuPercentAsync(server));
            active = (await server.ApiAsync("/api/cameras")).EnumerateArray().Count(c => c.GetProperty("activity").GetProperty("active").GetBoolean());
        }

        await SwitchAsync(server, ids, false);
        await stop.CancelAsync();
        await running;
        return (Median(off), Median(on), active);
    }

    private static async Task SwitchAsync(ServerProcess server, List<string> ids, bool on)
    {
        foreach (var id in ids)
        {
            await server.PatchAsync($"/api/cameras/{id}", on ? new { activity = new { sensitivity = 50 } } : new { activity = new { enabled = false } });
        }
    }

    private static async Task<double> CpuPercentAsync(ServerProcess server)
    {
        await Task.Delay(Settle);
        var cpu0 = ProcessTree.CpuSeconds(server.ProcessId);
        var t0 = Clock.Now;
        await Task.Delay(Window);
        return (ProcessTree.CpuSeconds(server.ProcessId) - cpu0) / (Clock.Now - t0) * 100;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
