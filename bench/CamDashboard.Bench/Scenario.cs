using System.Diagnostics;

namespace CamDashboard.Bench;

/// <summary>Connects viewers, waits until they all stream, then measures a window.</summary>
internal sealed class Scenario(IBenchServer server)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary><paramref name="healthy"/> normal viewers (ramped at <paramref name="perSecond"/>
    /// a second, or all at once when 0), plus optional stalled and slow ones.</summary>
    public async Task<(Measurement Result, List<MjpegViewer> Slow)> RunAsync(
        string name, int healthy, double perSecond, int stalled = 0, SlowViewer? slow = null, Func<Task>? whileConnected = null)
    {
        using var stop = new CancellationTokenSource();
        var viewers = Enumerable.Range(0, healthy).Select(_ => new MjpegViewer("/stream/bench", ServerProcess.Authorization)).ToList();
        var slowViewers = slow is null ? [] : new List<MjpegViewer> { new(slow.Path, ServerProcess.Authorization) };
        var tasks = new List<Task>();
        for (var i = 0; i < stalled; i++)
        {
            tasks.Add(new MjpegViewer("/stream/bench", ServerProcess.Authorization).RunAsync(server.Endpoint, stop.Token, receiveBuffer: 4096, neverRead: true));
        }

        tasks.AddRange(slowViewers.Select(v => v.RunAsync(server.Endpoint, stop.Token, receiveBuffer: slow!.ReceiveBuffer, bytesPerSecond: slow.BytesPerSecond)));
        var connectStart = Clock.Now;
        for (var i = 0; i < viewers.Count; i++)
        {
            if (perSecond > 0)
            {
                var due = connectStart + i / perSecond;
                if (due > Clock.Now)
                {
                    await Task.Delay(TimeSpan.FromSeconds(due - Clock.Now));
                }
            }

            tasks.Add(viewers[i].RunAsync(server.Endpoint, stop.Token));
        }

        var allStreamingDeadline = Clock.Now + 60;
        while (viewers.Any(v => double.IsNaN(v.FirstFrameAt) && !v.Ended) && Clock.Now < allStreamingDeadline)
        {
            await Task.Delay(50);
        }

        var allStreamingAfter = Clock.Now - connectStart;
        await Task.Delay(2000);

        var note = perSecond > 0 ? $"ramp {perSecond:0}/s" : $"burst: all streaming after {allStreamingAfter:0.00} s";
        var result = await MeasureAsync(name, viewers, slowViewers, note);
        if (whileConnected is not null)
        {
            await whileConnected();
        }

        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        await server.WaitForViewersAsync(n => n == 0, TimeSpan.FromSeconds(30));
        return (result, slowViewers);
    }

    /// <summary>From the first of <paramref name="count"/> viewers joining at <paramref name="perSecond"/>:
    /// the join window (<see cref="Window"/> from 8 s on, while they still settle) and the steady one
    /// (from 25 s on), and the server's RSS before anyone joined.</summary>
    public async Task<(Measurement Join, Measurement Steady, double IdleRssMb)> RunJoinAsync(int count, double perSecond, string path = "/stream/bench")
    {
        using var stop = new CancellationTokenSource();
        var viewers = Enumerable.Range(0, count).Select(_ => new MjpegViewer(path, ServerProcess.Authorization)).ToList();
        var idleRss = server.RssBytes() / 1048576.0;
        var tasks = new List<Task>();
        var firstJoined = Clock.Now;
        var ramp = Task.Run(async () =>
        {
            for (var i = 0; i < viewers.Count; i++)
            {
                var due = firstJoined + i / perSecond;
                if (due > Clock.Now)
                {
                    await Task.Delay(TimeSpan.FromSeconds(due - Clock.Now));
                }

                lock (tasks)
                {
                    tasks.Add(viewers[i].RunAsync(server.Endpoint, stop.Token));
                }
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, firstJoined + 8 - Clock.Now)));
        var join = await MeasureAsync("join", viewers, [], $"8-18 s after the first of {count} joined at {perSecond:0}/s");
        await ramp;
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, firstJoined + 25 - Clock.Now)));
        var steady = await MeasureAsync("steady", viewers, [], $"25-35 s after the first joined");
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        await server.WaitForViewersAsync(n => n == 0, TimeSpan.FromSeconds(30));
        return (join, steady, idleRss);
    }

    /// <summary>Every figure of one <see cref="Window"/>, from now.</summary>
    private async Task<Measurement> MeasureAsync(string name, List<MjpegViewer> viewers, List<MjpegViewer> slowViewers, string note)
    {
        var alloc0 = await server.AllocatedBytesAsync();
        var camera0 = await server.CameraCountersAsync();
        var cpu0 = server.CpuSeconds();
        var client0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var t0 = Clock.Now;
        foreach (var v in viewers.Concat(slowViewers))
        {
            v.ResetWindow();
            v.Recording = true;
        }

        await Task.Delay(Window);
        foreach (var v in viewers.Concat(slowViewers))
        {
            v.Recording = false;
        }

        var t1 = Clock.Now;
        var tiers = await server.TiersAsync();
        var cpu1 = server.CpuSeconds();
        var client1 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var rss = server.RssBytes();
        var alloc1 = await server.AllocatedBytesAsync();
        var camera1 = await server.CameraCountersAsync();

        var seconds = t1 - t0;
        var frames = viewers.Sum(v => (double)v.Frames);
        var perViewerFps = viewers.Select(v => v.Frames / seconds).ToList();
        var latencies = viewers.SelectMany(v => v.LatenciesMs).Select(l => (double)l).ToList();
        var firstFrames = viewers.Where(v => !double.IsNaN(v.FirstFrameAt)).Select(v => (v.FirstFrameAt - v.ConnectedAt) * 1000).ToList();
        var delivered = frames + slowViewers.Sum(v => v.Frames);
        return new Measurement(
            name,
            viewers.Count,
            seconds,
            frames / seconds,
            Stats.Percentile(perViewerFps, 50),
            Stats.Percentile(perViewerFps, 5),
            Stats.Percentile(latencies, 50),
            Stats.Percentile(latencies, 99),
            Stats.Percentile(firstFrames, 50),
            firstFrames.Count == 0 ? double.NaN : firstFrames.Max(),
            (cpu1 - cpu0) / seconds * 100,
            rss / 1048576.0,
            delivered == 0 ? double.NaN : (cpu1 - cpu0) * 1e6 / delivered,
            delivered == 0 || alloc1 == 0 ? double.NaN : (alloc1 - alloc0) / delivered,
            camera1.Captured == camera0.Captured ? double.NaN : (double)(camera1.Encoded - camera0.Encoded) / (camera1.Captured - camera0.Captured),
            (client1 - client0) / seconds * 100,
            viewers.Count(v => v.Error is not null || double.IsNaN(v.FirstFrameAt)),
            note) { Tiers = tiers };
    }
}

/// <summary>A viewer reading at <paramref name="BytesPerSecond"/> through <paramref name="Path"/>;
/// <paramref name="ReceiveBuffer"/> (bytes, 0 for the system's) says where its backlog waits.</summary>
internal sealed record SlowViewer(string Path, double BytesPerSecond, int ReceiveBuffer);
