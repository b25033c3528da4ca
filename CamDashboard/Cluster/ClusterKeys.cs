using StackExchange.Redis;

namespace CamDashboard.Cluster;

/// <summary>Every Redis key and channel the cluster uses, in one place.</summary>
internal static class ClusterKeys
{
    private const string Prefix = "camdashboard:";

    /// <summary>Every node's live events, as JSON.</summary>
    public static readonly RedisChannel Events = RedisChannel.Literal(Prefix + "events");

    /// <summary>The names of the nodes that ever joined.</summary>
    public const string Nodes = Prefix + "nodes";

    /// <summary>Node name → its number (for viewer ids), and the last number given.</summary>
    public const string NodeNumbers = Prefix + "node-numbers", LastNodeNumber = Prefix + "node-numbers:last";

    /// <summary>A node's URL while it is alive (expires).</summary>
    public static RedisKey Node(string node) => Prefix + "node:" + node;

    /// <summary>A node's viewers, as JSON, while it is alive (expires).</summary>
    public static RedisKey Viewers(string node) => Prefix + "viewers:" + node;

    /// <summary>Viewer ids that <paramref name="node"/> is asked to end.</summary>
    public static RedisChannel EndViewer(string node) => RedisChannel.Literal(Prefix + "end-viewer:" + node);

    /// <summary>The node that captures a camera (a lease that expires).</summary>
    public static RedisKey CameraOwner(string cameraId) => Prefix + "camera-owner:" + cameraId.ToLowerInvariant();

    /// <summary>SignalR's backplane channels.</summary>
    public const string SignalR = Prefix + "signalr";
}
