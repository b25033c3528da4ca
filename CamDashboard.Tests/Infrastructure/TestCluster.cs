using CamDashboard.Streaming.Definitions;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>Several nodes of the real app on 127.0.0.1, as README's cluster runs them: one
/// PostgreSQL database, one Redis (its own), a name, a URL and the shared secret each.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string Secret = "cluster-test-secret-0123456789abcdef";
    private readonly Dictionary<string, TestApp> _nodes;
    private readonly Action<TestApp>? _configure;
    private readonly List<AppProcess> _processes = [];

    private TestCluster(RedisServer redis, string database, Dictionary<string, TestApp> nodes, Action<TestApp>? configure)
    {
        Redis = redis;
        Database = database;
        _nodes = nodes;
        _configure = configure;
    }

    public RedisServer Redis { get; }

    /// <summary>The connection string of the nodes' PostgreSQL database.</summary>
    public string Database { get; }

    public TestApp this[string node] => _nodes[node];

    /// <summary>Starts nodes named <paramref name="names"/> together, each with <paramref name="cameras"/>
    /// configured and <paramref name="configure"/> applied (more settings).</summary>
    public static async Task<TestCluster> StartAsync(string[] names, Action<TestApp>? configure, params CameraOptions[] cameras)
    {
        var redis = RedisServer.Start();
        var database = PostgresServer.Instance.NewDatabase();
        var cluster = new TestCluster(redis, database, [], configure);
        await Task.WhenAll(names.Select(name => cluster.AddNodeAsync(name, cameras)));
        return cluster;
    }

    public static Task<TestCluster> StartAsync(string[] names, params CameraOptions[] cameras) => StartAsync(names, null, cameras);

    /// <summary>Starts another node in this process.</summary>
    public async Task<TestApp> AddNodeAsync(string name, params CameraOptions[] cameras)
    {
        var port = ExternalCamera.FreePort();
        var node = new TestApp(cameras).OnPostgres(Database).OnPort(port);
        foreach (var (key, value) in Settings(name, port))
        {
            node.With(key, value);
        }

        _configure?.Invoke(node);
        lock (_nodes)
        {
            _nodes[name] = node;
        }

        await Task.Run(() => node.Address);
        return node;
    }

    /// <summary>Starts a node as its own process (<c>dotnet CamDashboard.dll</c>, Production), which
    /// a test can kill as a machine dies; <paramref name="environment"/> adds cameras and settings.</summary>
    public async Task<AppProcess> StartProcessNodeAsync(string name, IDictionary<string, string> environment)
    {
        var port = ExternalCamera.FreePort();
        var all = new Dictionary<string, string>(environment)
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__CamDashboard"] = Database,
        };
        foreach (var (key, value) in Settings(name, port))
        {
            all[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var node = new AppProcess(all, port: port);
        _processes.Add(node);
        await node.WaitUntilServingAsync();
        return node;
    }

    private Dictionary<string, string> Settings(string name, int port) => new()
    {
        ["Cluster:Redis"] = Redis.Configuration,
        ["Cluster:Node"] = name,
        ["Cluster:NodeUrl"] = $"http://127.0.0.1:{port}",
        ["Cluster:Secret"] = Secret,
    };


    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Redis.Dispose();
    }
}
