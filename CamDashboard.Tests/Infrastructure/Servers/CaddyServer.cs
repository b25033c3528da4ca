using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's Caddy on 127.0.0.1 with a Caddyfile site (README's, its addresses replaced),
/// its admin endpoint off and its data in a temp folder. Stopped when disposed.</summary>
public sealed class CaddyServer : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private CaddyServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Runs the site <paramref name="site"/> writes for a free port.</summary>
    public static CaddyServer Start(Func<int, string> site)
    {
        var port = ExternalCamera.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"camdashboard-caddy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var caddyfile = Path.Combine(folder, "Caddyfile");
        File.WriteAllText(caddyfile, $$"""
            {
                admin off
                storage file_system {{folder}}/data
            }

            {{site(port)}}
            """);
        var start = new ProcessStartInfo("caddy") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[] { "run", "--config", caddyfile, "--adapter", "caddyfile" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = folder;
        start.Environment["XDG_DATA_HOME"] = folder;
        start.Environment["XDG_CONFIG_HOME"] = folder;
        var process = Process.Start(start) ?? throw new InvalidOperationException("caddy did not start (apt-get install caddy).");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            ExternalCamera.WaitUntilListening(port, process);
        }
        catch (InvalidOperationException ex)
        {
            lock (log)
            {
                throw new InvalidOperationException($"{ex.Message} {log}", ex);
            }
        }

        return new CaddyServer(process, folder, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
