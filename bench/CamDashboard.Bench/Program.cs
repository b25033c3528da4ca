using System.Globalization;
using CamDashboard.Bench;

// Usage: CamDashboard.Bench <path to CamDashboard.dll> <bench folder> [viewer counts, e.g. 1,100,500,1000] [--only-steady]
var appDll = args[0];
var folder = args[1];
var counts = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal)
    ? args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
    : [1, 100, 500, 1000];
var onlySteady = args.Contains("--only-steady");
ThreadPool.SetMinThreads(4, 4);

var steady = new List<Measurement>();
var other = new List<Measurement>();
var notes = new List<string>();
await using (var server = await ServerProcess.StartAsync(appDll, 5199, new Dictionary<string, string>()))
{
    var scenario = new Scenario(server);
    foreach (var n in counts)
    {
        var (result, _) = await scenario.RunAsync("steady", n, perSecond: 200);
        Print(result);
        steady.Add(result);
    }

    if (!onlySteady)
    {
        var max = counts.Max();
        var (burst, _) = await scenario.RunAsync("burst", max, perSecond: 0);
        Print(burst);
        other.Add(burst);

        var (lagging, slow) = await scenario.RunAsync("lagging", 10, perSecond: 200, slow: 1, slowBytesPerSecond: 300_000);
        var s = slow[0];
        var slowLatency = s.LatenciesMs.Select(l => (double)l).ToList();
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Lagging viewer reading at 300 KB/s beside 10 normal ones: {s.Frames / Scenario.Window.TotalSeconds:0.0} fps, latency p50 {Stats.Percentile(slowLatency, 50):0} ms, p99 {Stats.Percentile(slowLatency, 99):0} ms (one ~50 KB frame alone takes ~170 ms at that rate; the rest is the client's own receive buffer and the server's capped send buffer)."));
        Print(lagging);
        other.Add(lagging with { Note = notes[^1] });

        var connected = 0.0;
        var (stalledRun, _) = await scenario.RunAsync("stalled", 100, perSecond: 200, stalled: 50, whileConnected: async () =>
        {
            var start = Clock.Now;
            await server.WaitForViewersAsync(n => n <= 100, TimeSpan.FromSeconds(90));
            connected = Clock.Now - start;
            var remaining = await server.ViewerCountAsync();
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Stalled viewers (50 that never read, 100 healthy): registry down to {remaining} viewers {connected:0} s after the measurement window ended (idle timeout 30 s, counted from when a viewer's write stopped moving)."));
        });
        Print(stalledRun);
        other.Add(stalledRun with { Note = "100 healthy + 50 never reading" });
    }
}

Report.Write(folder, steady, other, notes);
Console.WriteLine($"Wrote {Path.Combine(folder, "RESULTS.md")}");

static void Print(Measurement m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{m.Scenario,-8} n={m.Viewers,5} fps med {m.FpsMedian,5:0.0} p5 {m.FpsP5,5:0.0} lat p50 {m.LatencyP50Ms,5:0} p99 {m.LatencyP99Ms,5:0} ms  ttff max {m.FirstFrameMaxMs,6:0} ms  cpu {m.ServerCpuPercent,4:0}% {m.CpuMicrosPerFrame,5:0.0} µs/f  alloc {m.AllocBytesPerFrame,6:0} B/f  rss {m.ServerRssMb,4:0} MB  enc/cap {m.EncodesPerCapturedFrame:0.00}  client {m.ClientCpuPercent:0}%  failed {m.Failed} {m.Note}"));
