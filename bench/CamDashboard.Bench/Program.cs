using System.Globalization;
using CamDashboard.Bench;

// Usage: CamDashboard.Bench <path to CamDashboard.dll> <bench folder> [viewer counts, e.g. 1,100,500,1000]
//        [--only-steady | --only-lagging | --only-ingest | --only-tiles | --only-fleet | --only-join | --only-activity]
var appDll = args[0];
var folder = args[1];
var counts = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal)
    ? args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
    : [1, 100, 500, 1000];
var onlySteady = args.Contains("--only-steady");
if (args.Contains("--only-ingest"))
{
    Console.WriteLine(await Ingest.RunAsync(appDll));
    return;
}

if (args.Contains("--only-activity"))
{
    Report.WriteSection(folder, "## Activity", [await Activity.RunAsync(appDll)]);
    return;
}

if (args.Contains("--only-tiles"))
{
    await TileGrid.RunAsync(appDll);
    return;
}

if (args.Contains("--only-fleet"))
{
    var fleet = await Fleet.RunAsync(appDll, folder);
    Report.WriteFleet(folder, fleet);
    return;
}

ThreadPool.SetMinThreads(4, 4);
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--server-env" && args[i + 1].Split('=', 2) is [var key, var value])
    {
        ServerProcess.Overrides[key] = value;
    }
}

if (args.Contains("--only-join"))
{
    var lines = await Join.RunAsync(appDll, counts.Max(), quick: args.Contains("--quick"));
    if (ServerProcess.Overrides.Count == 0 && !args.Contains("--quick"))
    {
        Report.WriteSection(folder, "## Joining", lines);
    }

    lines.ForEach(Console.WriteLine);
    return;
}

var steady = new List<Measurement>();
var other = new List<Measurement>();
var notes = new List<string>();
if (args.Contains("--only-lagging"))
{
    await RunLaggingAsync();
    notes.ForEach(Console.WriteLine);
    return;
}
// Each scenario gets a fresh server, so that its RSS is its own and not what earlier ones left.
static Task<ServerProcess> FreshServerAsync(string appDll) => ServerProcess.StartAsync(appDll, 5199, new Dictionary<string, string>());

// Two noisy shared cores: each viewer count runs three times and every figure is the median.
const int Repeats = 3;
foreach (var n in counts)
{
    var runs = new List<Measurement>();
    for (var i = 0; i < Repeats; i++)
    {
        await using var server = await FreshServerAsync(appDll);
        var (result, _) = await new Scenario(server).RunAsync("steady", n, perSecond: 200);
        Print(result);
        runs.Add(result);
    }

    steady.Add(Measurement.Median(runs) with { Note = $"ramp 200/s, median of {Repeats} runs" });
}

if (!onlySteady)
{
    await using (var server = await FreshServerAsync(appDll))
    {
        var (burst, _) = await new Scenario(server).RunAsync("burst", counts.Max(), perSecond: 0);
        Print(burst);
        other.Add(burst);
    }

    await RunLaggingAsync();
    await using (var server = await FreshServerAsync(appDll))
    {
        var (stalledRun, _) = await new Scenario(server).RunAsync("stalled", 100, perSecond: 200, stalled: 50, whileConnected: async () =>
        {
            var start = Clock.Now;
            await server.WaitForViewersAsync(n => n <= 100, TimeSpan.FromSeconds(90));
            var waited = Clock.Now - start;
            var remaining = await server.ViewerCountAsync();
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Stalled viewers (50 that never read, 100 healthy): registry down to {remaining} viewers {waited:0} s after the measurement window ended (idle timeout 30 s, counted from when a viewer's write stopped moving)."));
        });
        Print(stalledRun);
        other.Add(stalledRun with { Note = "100 healthy + 50 never reading" });
    }
}

if (!onlySteady)
{
    notes.Add(await Ingest.RunAsync(appDll));
    notes.Add(await TileGrid.RunAsync(appDll));
}

await RunFloorAsync();

Report.Write(folder, steady, other, notes);
if (!onlySteady)
{
    Report.WriteSection(folder, "## Joining", await Join.RunAsync(appDll, counts.Max()));
    Report.WriteFleet(folder, await Fleet.RunAsync(appDll, folder));
    Report.WriteSection(folder, "## Activity", [await Activity.RunAsync(appDll)]);
}

Console.WriteLine($"Wrote {Path.Combine(folder, "RESULTS.md")}");

// The same bytes from bench/floor.c (a minimal epoll server) to the largest viewer count, for
// the ratio of CPU per delivered frame.
async Task RunFloorAsync()
{
    var floorBinary = Path.Combine(Path.GetDirectoryName(appDll)!, "..", "floor");
    var n = counts.Max();
    byte[] jpeg;
    await using (var app = await FreshServerAsync(appDll))
    {
        jpeg = await app.SnapshotAsync();
    }

    var runs = new List<Measurement>();
    for (var i = 0; i < Repeats; i++)
    {
        await using var floor = await FloorProcess.StartAsync(floorBinary, 5198, jpeg);
        var (result, _) = await new Scenario(floor).RunAsync("floor", n, perSecond: 200);
        Print(result);
        runs.Add(result);
    }

    var floorRow = Measurement.Median(runs);
    var appRow = steady.Single(m => m.Viewers == n);
    notes.Add(string.Create(CultureInfo.InvariantCulture,
        $"Floor (bench/floor.c: one thread, epoll, the same {jpeg.Length / 1024} KB JPEG framed the same way at 30 fps, same send buffer) at {n} viewers: {floorRow.CpuMicrosPerFrame:0.0} µs per delivered frame, p99 latency {floorRow.LatencyP99Ms:0} ms, RSS {floorRow.ServerRssMb:0} MB. The app: {appRow.CpuMicrosPerFrame:0.0} µs, **{appRow.CpuMicrosPerFrame / floorRow.CpuMicrosPerFrame:0.00}× the floor** (capture and encode included; the floor does neither)."));
    other.Add(floorRow with { Note = $"C epoll floor, median of {Repeats} runs" });
}

// One viewer at 300 KB/s beside 10 normal ones, three ways: behind a slow link (its bytes wait
// at the sender, as on a real slow network: a 16 KB receive buffer), the same pinned to the
// full tier (what the pacing alone does), and a reader slow to take bytes from a large receive
// buffer (the system's), where the backlog waits in the client and the server cannot see it.
async Task RunLaggingAsync()
{
    (string Name, SlowViewer Viewer)[] variants =
    [
        ("lagging", new SlowViewer("/stream/bench", 300_000, 16 * 1024)),
        ("lag-full", new SlowViewer("/stream/bench?tier=full", 300_000, 16 * 1024)),
        ("lag-read", new SlowViewer("/stream/bench", 300_000, 0)),
    ];
    foreach (var (name, viewer) in variants)
    {
        await using var server = await FreshServerAsync(appDll);
        var (lagging, slow) = await new Scenario(server).RunAsync(name, 10, perSecond: 200, slow: viewer);
        var s = slow[0];
        var slowLatency = s.LatenciesMs.Select(l => (double)l).ToList();
        var buffer = viewer.ReceiveBuffer > 0 ? $"a {viewer.ReceiveBuffer / 1024} KB receive buffer" : "the system's receive buffer";
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"`{name}`: viewer of `{viewer.Path}` reading at 300 KB/s with {buffer}, beside 10 normal ones: {s.Frames / Scenario.Window.TotalSeconds:0.0} fps, {s.Bytes / Scenario.Window.TotalSeconds / 1000:0} KB/s, latency p50 {Stats.Percentile(slowLatency, 50):0} ms, p99 {Stats.Percentile(slowLatency, 99):0} ms; tiers at the end: {lagging.Tiers}; encodes per captured frame {lagging.EncodesPerCapturedFrame:0.00}."));
        Print(lagging);
        other.Add(lagging with { Note = notes[^1] });
    }
}

static void Print(Measurement m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{m.Scenario,-8} n={m.Viewers,5} fps med {m.FpsMedian,5:0.0} p5 {m.FpsP5,5:0.0} lat p50 {m.LatencyP50Ms,5:0} p99 {m.LatencyP99Ms,5:0} ms  ttff max {m.FirstFrameMaxMs,6:0} ms  cpu {m.ServerCpuPercent,4:0}% {m.CpuMicrosPerFrame,5:0.0} µs/f  alloc {m.AllocBytesPerFrame,6:0} B/f  rss {m.ServerRssMb,4:0} MB  enc/cap {m.EncodesPerCapturedFrame:0.00}  client {m.ClientCpuPercent:0}%  failed {m.Failed} {m.Note}"));
