namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's nginx on 127.0.0.1 with a site configuration (README's, its addresses
/// replaced), everything else in its own folder. Stopped when disposed.</summary>
public sealed class NginxServer : LocalServer
{
    private NginxServer()
        : base("nginx")
    {
    }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    // nginx says why in its error log, not on its output.
    protected override string Diagnostics => File.Exists(Path.Combine(Folder, "error.log")) ? File.ReadAllText(Path.Combine(Folder, "error.log")) : base.Diagnostics;

    /// <summary>Runs the site (the inside of an <c>http</c> block) that <paramref name="site"/> writes for the server's port.</summary>
    public static NginxServer Start(Func<int, string> site)
    {
        var server = new NginxServer();
        var folder = server.Folder;
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
            {{site(server.Port)}}
            }
            """);
        server.Run("nginx", "nginx-light", ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;"]);
        return server;
    }
}
