using System.Net;
using System.Net.Sockets;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>Several nodes of the real app on 127.0.0.1, as README's cluster runs them: one
/// PostgreSQL database, one Redis (its own), a name, a URL and the shared secret each.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string Secret = "cluster-test-secret-0123456789abcdef";
    private readonly Dictionary<string, TestApp> _nodes;

    private TestCluster(RedisServer redis, string database, Dictionary<string, TestApp> nodes)
    {
        Redis = redis;
        Database = database;
        _nodes = nodes;
    }

    public RedisServer Redis { get; }

    /// <summary>The connection string of the nodes' PostgreSQL database.</summary>
    public string Database { get; }

    public TestApp this[string node] => _nodes[node];

    /// <summary>Starts nodes named <paramref name="names"/> together, each with <paramref name="cameras"/> configured.</summary>
    public static async Task<TestCluster> StartAsync(string[] names, params CameraOptions[] cameras)
    {
        var redis = RedisServer.Start();
        var database = PostgresServer.Instance.NewDatabase();
        var nodes = names.ToDictionary(name => name, name => Node(name, redis, database, cameras));
        var cluster = new TestCluster(redis, database, nodes);
        await Task.WhenAll(nodes.Values.Select(node => Task.Run(() => node.Address)));
        return cluster;
    }

    /// <summary>One node, not yet started: another node joining later, or one started again.</summary>
    public TestApp NewNode(string name, params CameraOptions[] cameras) => Node(name, Redis, Database, cameras);

    private static TestApp Node(string name, RedisServer redis, string database, CameraOptions[] cameras)
    {
        var port = FreePort();
        return new TestApp(cameras).OnPostgres(database).OnPort(port)
            .With("Cluster:Redis", redis.Configuration)
            .With("Cluster:Node", name)
            .With("Cluster:NodeUrl", $"http://127.0.0.1:{port}")
            .With("Cluster:Secret", Secret);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        Redis.Dispose();
    }
}
