using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>A real server program for a test, on a free port of 127.0.0.1 and with a temp folder
/// of its own (nothing of the system's is read or written): started and waited for until it
/// listens, its output kept for the failure message; killed, and its folder deleted, when disposed.</summary>
public abstract class LocalServer : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;

    protected LocalServer(string name)
    {
        Port = ExternalCamera.FreePort();
        Folder = Directory.CreateTempSubdirectory($"camdashboard-{name}-").FullName;
    }

    public int Port { get; }

    /// <summary>The server's own folder: its configuration, data and logs.</summary>
    protected string Folder { get; }

    /// <summary>What tells why the server did not start: its output, unless it logs elsewhere.</summary>
    protected virtual string Diagnostics => string.Join('\n', _output);

    /// <summary>Starts <paramref name="program"/> and waits until it listens on <see cref="Port"/>; <paramref name="package"/> is what installs it.</summary>
    protected void Run(string program, string package, IEnumerable<string> arguments, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        configure?.Invoke(start);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (apt-get install {package}).");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            ExternalCamera.WaitUntilListening(Port, _process);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            var why = $"{ex.Message} {Diagnostics}";
            Dispose();
            throw new InvalidOperationException(why, ex);
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
