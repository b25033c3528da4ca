namespace CamDashboard.Hosting;

/// <summary>The <c>Server</c> configuration section: what keeps a flood of connections from
/// taking the process down. At a cap, new connections are closed at once; running viewers keep
/// streaming.</summary>
internal sealed class ServerLimits
{
    /// <summary>Open connections in all (0: derived from the process's file-descriptor limit,
    /// at most 4096, leaving room for cameras, the database and FFmpeg pipes).</summary>
    public int MaxConnections { get; set; }

    /// <summary>Open connections from one client address (0: no cap). Behind a reverse proxy every
    /// connection comes from the proxy: raise it or set 0 there.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 1200;

    /// <summary>How long a client may take to send its request headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an idle connection is kept between requests (and before the first).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="MaxConnections"/>, or the default it stands for.</summary>
    public int EffectiveMaxConnections => MaxConnections > 0 ? MaxConnections : Math.Clamp(OpenFileLimit() - 256, 64, 4096);

    // The soft RLIMIT_NOFILE, as /proc shows it; the process dies when sockets exhaust it.
    private static int OpenFileLimit()
    {
        const string Prefix = "Max open files";
        var line = File.Exists("/proc/self/limits") ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal)) : null;
        var soft = line?[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(soft, out var limit) ? limit : 1024;
    }
}
