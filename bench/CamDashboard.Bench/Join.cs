using System.Globalization;

namespace CamDashboard.Bench;

/// <summary>Many viewers joining at once, as a deployer meets it: the published build with its
/// production defaults, <c>tier=auto</c> (and <c>tier=full</c> beside it), measured while they
/// settle and once they have, with the C epoll floor serving the app's own frame in the same run;
/// memory per viewer is the server's RSS at the steady window beyond its RSS before anyone joined.</summary>
internal static class Join
{
    private const int Runs = 5, FullAndFloorRuns = 3;
    private const double PerSecond = 200;

    // quick: one run of each (an experiment's first look), not five and three.
    public static async Task<List<string>> RunAsync(string appDll, int viewers, bool quick = false)
    {
        var (appRuns, fullRuns, floorRuns) = quick ? (1, 0, 1) : (Runs, FullAndFloorRuns, FullAndFloorRuns);
        var auto = new List<(Measurement Join, Measurement Steady, double IdleRss)>();
        var full = new List<(Measurement Join, Measurement Steady, double IdleRss)>();
        var floor = new List<(Measurement Join, Measurement Steady, double IdleRss)>();
        byte[] jpeg;
        await using (var app = await ServerProcess.StartAsync(appDll, 5199, new Dictionary<string, string>()))
        {
            jpeg = await app.SnapshotAsync();
        }

        // Interleaved (auto, floor, full, auto, ...): these shared cores drift over minutes, and a
        // floor measured after every app run would carry the drift into the ratio.
        var floorBinary = Path.Combine(Path.GetDirectoryName(appDll)!, "..", "floor");
        for (var i = 0; i < Math.Max(appRuns, Math.Max(fullRuns, floorRuns)); i++)
        {
            if (i < appRuns)
            {
                await using var server = await ServerProcess.StartAsync(appDll, 5199, new Dictionary<string, string>());
                var run = await new Scenario(server).RunJoinAsync(viewers, PerSecond, "/stream/bench");
                auto.Add(run);
                Console.WriteLine(Line($"auto {i + 1}", run));
            }

            if (i < floorRuns)
            {
                await using var server = await FloorProcess.StartAsync(floorBinary, 5198, jpeg);
                var run = await new Scenario(server).RunJoinAsync(viewers, PerSecond);
                floor.Add(run);
                Console.WriteLine(Line($"floor {i + 1}", run));
            }

            if (i < fullRuns)
            {
                await using var server = await ServerProcess.StartAsync(appDll, 5199, new Dictionary<string, string>());
                var run = await new Scenario(server).RunJoinAsync(viewers, PerSecond, "/stream/bench?tier=full");
                full.Add(run);
                Console.WriteLine(Line($"full {i + 1}", run));
            }
        }

        double Median(IEnumerable<double> values) => Stats.Percentile([.. values], 50);
        var floorSteady = Median(floor.Select(r => r.Steady.CpuMicrosPerFrame));
        var floorP99 = Median(floor.Select(r => r.Steady.LatencyP99Ms));
        var appSteady = Median(auto.Select(r => r.Steady.CpuMicrosPerFrame));
        var appP99 = Median(auto.Select(r => r.Steady.LatencyP99Ms));
        var fullSteady = Median(full.Select(r => r.Steady.CpuMicrosPerFrame));
        var perViewer = Median(auto.Select(r => KbPerViewer(r, viewers)));
        // Each floor run against the app run just before it, measured minutes apart at most.
        var pairRatios = floor.Select((f, i) => auto[i].Steady.CpuMicrosPerFrame / f.Steady.CpuMicrosPerFrame).ToList();
        List<string> lines =
        [
            Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bash bench/run.sh` (alone: `bash bench/run.sh --only-join`), on {Report.Machine()}."),
            "",
            Invariant($"{viewers} viewers of `/stream/bench` (1280×720 textured test pattern, 30 fps, quality 80, {jpeg.Length / 1024} KB frames) join at {PerSecond:0}/s; the published build with its production defaults (no log-level or tier override), a fresh server per run, the C# load client on the same two cores. **join**: a {Scenario.Window.TotalSeconds:0} s window from 8 s after the first viewer joined; **steady**: from 25 s. Memory: RSS at the steady window minus RSS before anyone joined, per viewer. The floor (bench/floor.c, one epoll thread, the app's own frame) is measured the same way in the same run, its runs interleaved with the app's."),
            "",
            "| run | join p99 ms | join µs/frame | steady p99 ms | steady µs/frame | idle RSS MB | steady RSS MB | KB per viewer | failed |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            .. auto.Select((r, i) => Row($"app, tier=auto, {i + 1}", r, viewers)),
            .. full.Select((r, i) => Row($"app, tier=full, {i + 1}", r, viewers)),
            .. floor.Select((r, i) => Row($"floor {i + 1}", r, viewers)),
            "",
            Invariant($"- Steady, medians: the app {appSteady:0.0} µs per delivered frame, **{appSteady / floorSteady:0.00}× the floor** ({floorSteady:0.0} µs; target ≤ 1.5×); run by run, each app run against the floor run after it: {string.Join(", ", pairRatios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture) + "×"))}, median {Median(pairRatios):0.00}×; p99 {appP99:0} ms, **{appP99 / floorP99:0.00}× the floor's** ({floorP99:0} ms; target ≤ 2×)."),
            Invariant($"- Join p99, every run: {string.Join(", ", auto.Select(r => r.Join.LatencyP99Ms.ToString("0", CultureInfo.InvariantCulture)))} ms (target ≤ 100 ms in every run: {(auto.All(r => r.Join.LatencyP99Ms <= 100) ? "met" : "missed")})."),
            Invariant($"- Memory: **{perViewer:0} KB per viewer** (median; target ≤ 48 KB: {(perViewer <= 48 ? "met" : "missed")})."),
            Invariant($"- `tier=auto` {appSteady:0.0} µs against `tier=full` {fullSteady:0.0} µs per frame: {(appSteady / fullSteady - 1) * 100:+0;-0} % (target within 10 %)."),
        ];
        return lines;
    }

    private static double KbPerViewer((Measurement Join, Measurement Steady, double IdleRss) run, int viewers) =>
        (run.Steady.ServerRssMb - run.IdleRss) * 1024 / viewers;

    private static string Row(string name, (Measurement Join, Measurement Steady, double IdleRss) r, int viewers) =>
        Invariant($"| {name} | {r.Join.LatencyP99Ms:0} | {r.Join.CpuMicrosPerFrame:0.0} | {r.Steady.LatencyP99Ms:0} | {r.Steady.CpuMicrosPerFrame:0.0} | {r.IdleRss:0} | {r.Steady.ServerRssMb:0} | {KbPerViewer(r, viewers):0} | {r.Join.Failed + r.Steady.Failed} |");

    private static string Line(string name, (Measurement Join, Measurement Steady, double IdleRss) r) =>
        Invariant($"{name}: join p99 {r.Join.LatencyP99Ms:0} ms {r.Join.CpuMicrosPerFrame:0.0} µs/f; steady p99 {r.Steady.LatencyP99Ms:0} ms {r.Steady.CpuMicrosPerFrame:0.0} µs/f; rss {r.IdleRss:0} → {r.Steady.ServerRssMb:0} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
