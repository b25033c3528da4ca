using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>A real, small file system (a 4 MB tmpfs) for a database that is then filled up, as a
/// box's disk fills. Mounting needs root, as CI and these machines run the tests.</summary>
public sealed class SmallDisk : IDisposable
{
    private readonly string _filler;

    public SmallDisk(int megabytes = 4)
    {
        Path = Directory.CreateTempSubdirectory("camdashboard-disk-").FullName;
        _filler = System.IO.Path.Combine(Path, "filler");
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
    }

    public string Path { get; }

    /// <summary>Takes every free byte (the database and its log keep what they have).</summary>
    public void Fill()
    {
        using var file = new FileStream(_filler, FileMode.Append);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // No space left on the device: full.
        }
    }

    /// <summary>Space comes back.</summary>
    public void Free() => File.Delete(_filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({error.Trim()}); the full-disk tests mount a tmpfs and need root.");
        }
    }
}
