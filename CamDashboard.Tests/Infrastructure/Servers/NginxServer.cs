using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's nginx on 127.0.0.1 with a site configuration (README's, its addresses
/// replaced), everything else in a temp folder: no system file is read or written. Stopped
/// when disposed.</summary>
public sealed class NginxServer : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Runs <paramref name="site"/> (the inside of an <c>http</c> block) after <paramref name="listen"/> replaced its <c>listen</c> line.</summary>
    public static NginxServer Start(Func<int, string> site)
    {
        var port = ExternalCamera.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"camdashboard-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var user = Environment.UserName == "root" ? "user root;" : "";
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            error_log {{folder}}/error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
            {{site(port)}}
            }
            """);
        var start = new ProcessStartInfo("nginx") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start (apt-get install nginx-light).");
        try
        {
            ExternalCamera.WaitUntilListening(port, process);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message} {File.ReadAllText(Path.Combine(folder, "error.log"))}", ex);
        }

        return new NginxServer(process, folder, port);
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
