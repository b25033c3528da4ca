using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CamDashboard.Bench;

/// <summary>Writes bench/RESULTS.md and bench/chart.svg.</summary>
internal static class Report
{
    public static void Write(string folder, IReadOnlyList<Measurement> steady, IReadOnlyList<Measurement> other, IReadOnlyList<string> notes)
    {
        // Capture and encoding cost the same whatever the number of viewers; the one-viewer run
        // measures it, and "delivery µs/frame" is what remains per delivered frame.
        var encodingPercent = steady.FirstOrDefault(m => m.Viewers == 1)?.ServerCpuPercent ?? double.NaN;
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results").AppendLine();
        md.AppendLine(Invariant($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bash bench/run.sh`."));
        md.AppendLine().AppendLine("## Conditions").AppendLine();
        md.AppendLine(Invariant($"- Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB():0} GiB, {RuntimeInformation.OSDescription}; .NET {Environment.Version}."));
        md.AppendLine("- Server: the app's Release build, one test-pattern camera 1280×720 at 30 fps with noise texture (JPEG quality 80), on 127.0.0.1; the load client runs on the same two cores.");
        md.AppendLine(Invariant($"- Load client: raw sockets, HTTP/1.1 (chunked), parts parsed by length; each figure is measured over a {Scenario.Window.TotalSeconds:0} s window after every viewer has its first frame and 2 s more; every row runs on a freshly started server."));
        md.AppendLine("- Latency: client receive time minus the part's `X-Timestamp` (capture time). CPU: server user+system from /proc, per delivered frame; \"delivery\" subtracts the capture+encode cost measured with one viewer. Allocation: `GC.GetTotalAllocatedBytes` of the server per delivered frame (it includes each frame's encode, ~115 KB, spread over the viewers).");
        md.AppendLine("- CPU figures move by ±15 % between runs on these shared cores; compare ratios across rows of one run.");
        md.AppendLine().AppendLine("## Viewers connected at 200/s").AppendLine();
        Table(md, steady, encodingPercent);
        md.AppendLine().AppendLine("![fps and latency against viewers](chart.svg)").AppendLine();
        md.AppendLine("## Burst, stalled and lagging viewers").AppendLine();
        Table(md, other, encodingPercent);
        md.AppendLine();
        foreach (var note in notes)
        {
            md.AppendLine("- " + note);
        }

        File.WriteAllText(Path.Combine(folder, "RESULTS.md"), md.ToString());
        File.WriteAllText(Path.Combine(folder, "chart.svg"), Chart(steady));
    }

    /// <summary>Puts the fleet's section in RESULTS.md, in place of an earlier one.</summary>
    public static void WriteFleet(string folder, IReadOnlyList<string> lines) =>
        WriteSection(folder, "## Fleet: real RTSP cameras, cost following demand", [
            Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bash bench/run.sh` (alone: `bash bench/run.sh --only-fleet`), on {Environment.ProcessorCount} cores ({CpuModel()})."),
            "",
            .. lines]);

    /// <summary>Puts <paramref name="lines"/> under <paramref name="heading"/> in RESULTS.md, in place of the section that starts with it.</summary>
    public static void WriteSection(string folder, string heading, IReadOnlyList<string> lines)
    {
        var path = Path.Combine(folder, "RESULTS.md");
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n";
        var section = new StringBuilder().AppendLine(heading).AppendLine();
        foreach (var line in lines)
        {
            section.AppendLine(line);
        }

        var start = existing.IndexOf(heading, StringComparison.Ordinal);
        var end = start < 0 ? -1 : existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var updated = start < 0
            ? existing.TrimEnd() + "\n\n" + section
            : existing[..start] + section + (end < 0 ? "" : "\n" + existing[(end + 1)..]);
        File.WriteAllText(path, updated);
    }

    internal static string Machine() => Invariant($"{Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB():0} GiB, {RuntimeInformation.OSDescription}; .NET {Environment.Version}");

    private static void Table(StringBuilder md, IReadOnlyList<Measurement> rows, double encodingPercent)
    {
        md.AppendLine("| scenario | viewers | aggregate fps | per-viewer fps median | p5 | latency p50 ms | p99 ms | first frame p50 ms | max ms | server CPU % | RSS MB | CPU µs/frame | delivery µs/frame | alloc B/frame | encodes/captured | client CPU % | failed | note |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            md.AppendLine(Invariant(
                $"| {r.Scenario} | {r.Viewers} | {r.AggregateFps:0} | {r.FpsMedian:0.0} | {r.FpsP5:0.0} | {r.LatencyP50Ms:0} | {r.LatencyP99Ms:0} | {r.FirstFrameP50Ms:0} | {r.FirstFrameMaxMs:0} | {r.ServerCpuPercent:0} | {r.ServerRssMb:0} | {r.CpuMicrosPerFrame:0.0} | {Delivery(r, encodingPercent)} | {r.AllocBytesPerFrame:0} | {r.EncodesPerCapturedFrame:0.00} | {r.ClientCpuPercent:0} | {r.Failed} | {r.Note} |"));
        }
    }

    // Only meaningful where delivery dominates; at a handful of viewers it drowns in CPU noise.
    private static string Delivery(Measurement r, double encodingPercent) => r.Viewers >= 500
        ? Invariant($"{(r.ServerCpuPercent - encodingPercent) / 100 / r.AggregateFps * 1e6:0.0}")
        : "—";

    private static string Chart(IReadOnlyList<Measurement> rows)
    {
        const int W = 640, H = 320, L = 60, R = 60, T = 30, B = 50;
        var maxN = rows.Max(r => r.Viewers);
        var maxLatency = Math.Max(50, rows.Max(r => r.LatencyP99Ms) * 1.1);
        double X(int n) => L + (W - L - R) * n / (double)maxN;
        double Y(double v, double max) => T + (H - T - B) * (1 - v / max);
        string Line(Func<Measurement, double> value, double max, string color) =>
            $"<polyline fill='none' stroke='{color}' stroke-width='2' points='{string.Join(' ', rows.Select(r => Invariant($"{X(r.Viewers):0.0},{Y(value(r), max):0.0}")))}'/>" +
            string.Concat(rows.Select(r => Invariant($"<circle cx='{X(r.Viewers):0.0}' cy='{Y(value(r), max):0.0}' r='3' fill='{color}'/>")));
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns='http://www.w3.org/2000/svg' width='{W}' height='{H}' font-family='sans-serif' font-size='12'>"));
        svg.AppendLine(Invariant($"<rect width='{W}' height='{H}' fill='white'/>"));
        svg.AppendLine(Invariant($"<line x1='{L}' y1='{H - B}' x2='{W - R}' y2='{H - B}' stroke='black'/><line x1='{L}' y1='{T}' x2='{L}' y2='{H - B}' stroke='black'/><line x1='{W - R}' y1='{T}' x2='{W - R}' y2='{H - B}' stroke='black'/>"));
        foreach (var r in rows)
        {
            svg.AppendLine(Invariant($"<text x='{X(r.Viewers):0}' y='{H - B + 16}' text-anchor='middle'>{r.Viewers}</text>"));
        }

        svg.AppendLine(Invariant($"<text x='{W / 2}' y='{H - 10}' text-anchor='middle'>viewers</text>"));
        for (var f = 0; f <= 30; f += 10)
        {
            svg.AppendLine(Invariant($"<text x='{L - 6}' y='{Y(f, 32) + 4:0}' text-anchor='end' fill='#1565c0'>{f}</text>"));
        }

        for (var i = 0; i <= 4; i++)
        {
            var v = maxLatency * i / 4;
            svg.AppendLine(Invariant($"<text x='{W - R + 6}' y='{Y(v, maxLatency) + 4:0}' fill='#c62828'>{v:0}</text>"));
        }

        svg.AppendLine(Line(r => r.FpsMedian, 32, "#1565c0"));
        svg.AppendLine(Line(r => r.FpsP5, 32, "#64b5f6"));
        svg.AppendLine(Line(r => r.LatencyP99Ms, maxLatency, "#c62828"));
        svg.AppendLine(Invariant($"<text x='{L + 8}' y='{T - 10}' fill='#1565c0'>per-viewer fps median (dark), p5 (light)</text><text x='{W - R}' y='{T - 10}' text-anchor='end' fill='#c62828'>latency p99 ms</text>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    private static double MemoryGiB() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
