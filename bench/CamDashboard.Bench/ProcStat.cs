using System.Diagnostics;
using System.Globalization;

namespace CamDashboard.Bench;

/// <summary>A process's CPU time and resident memory, read from /proc.</summary>
internal static class ProcStat
{
    /// <summary>CPU seconds (user + system).</summary>
    public static double CpuSeconds(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime), counted after the command name, in clock ticks of 1/100 s.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static long RssBytes(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}

/// <summary>The CPU of a process and everything it started (the app and its FFmpeg children):
/// the live ones from their own /proc entries, the ended ones as the kernel credits them to the
/// parent that reaped them.</summary>
internal static class ProcessTree
{
    public static double CpuSeconds(int root)
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, (long Own, long Reaped)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                    long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // Ended while being read.
            }
        }

        bool InTree(int pid)
        {
            for (var depth = 0; depth < 16 && pid > 1; depth++)
            {
                if (pid == root)
                {
                    return true;
                }

                pid = parents.GetValueOrDefault(pid);
            }

            return false;
        }

        var total = ticks.Where(t => InTree(t.Key)).Sum(t => t.Value.Own);
        return (total + (ticks.TryGetValue(root, out var r) ? r.Reaped : 0)) / 100.0;
    }
}
