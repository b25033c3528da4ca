namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's Caddy on 127.0.0.1 with a Caddyfile site (README's, its addresses replaced),
/// its admin endpoint off and its data in its own folder. Stopped when disposed.</summary>
public sealed class CaddyServer : LocalServer
{
    private CaddyServer()
        : base("caddy")
    {
    }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Runs the site that <paramref name="site"/> writes for the server's port.</summary>
    public static CaddyServer Start(Func<int, string> site)
    {
        var server = new CaddyServer();
        var caddyfile = Path.Combine(server.Folder, "Caddyfile");
        File.WriteAllText(caddyfile, $$"""
            {
                admin off
                storage file_system {{server.Folder}}/data
            }

            {{site(server.Port)}}
            """);
        server.Run("caddy", "caddy", ["run", "--config", caddyfile, "--adapter", "caddyfile"], start =>
        {
            start.Environment["HOME"] = server.Folder;
            start.Environment["XDG_DATA_HOME"] = server.Folder;
            start.Environment["XDG_CONFIG_HOME"] = server.Folder;
        });
        return server;
    }
}
