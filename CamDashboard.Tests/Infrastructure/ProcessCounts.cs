namespace CamDashboard.Tests.Infrastructure;

/// <summary>What a process holds, read from /proc: threads (by name), open file descriptors,
/// and child processes.</summary>
public static class ProcessCounts
{
    public static int Threads => Directory.GetDirectories("/proc/self/task").Length;

    public static int ThreadsNamed(string name) =>
        Directory.GetDirectories("/proc/self/task").Count(task => ReadOrEmpty(Path.Combine(task, "comm")).Trim() == name);

    public static int FileDescriptors => Directory.GetFiles("/proc/self/fd").Length;

    public static IReadOnlyList<int> Children(int pid = 0)
    {
        var root = pid == 0 ? "/proc/self/task" : $"/proc/{pid}/task";
        return [.. Directory.GetDirectories(root)
            .SelectMany(task => ReadOrEmpty(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)];
    }

    public static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && ReadOrEmpty($"/proc/{pid}/stat").Split(' ') is { Length: > 2 } stat && stat[2] != "Z";

    // A thread or process may end between listing and reading.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
