namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's <c>redis-server</c> on 127.0.0.1, in memory only (no snapshots, no append
/// log), one per cluster under test so that clusters never see each other's keys. Killed when
/// disposed.</summary>
public sealed class RedisServer : LocalServer
{
    private RedisServer()
        : base("redis")
    {
    }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var server = new RedisServer();
        server.Run("redis-server", "redis-server", ["--port", $"{server.Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"]);
        return server;
    }
}
