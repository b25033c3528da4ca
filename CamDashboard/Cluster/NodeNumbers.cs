using StackExchange.Redis;

namespace CamDashboard.Cluster;

/// <summary>Each node's number, given once by Redis and kept across its restarts.</summary>
internal static class NodeNumbers
{
    // Viewer ids are the number shifted by 32 bits: up to 2^20 nodes keep ids below 2^53, exact in JavaScript.
    private const int Most = 1 << 20;

    public static int Of(IConnectionMultiplexer redis, string node)
    {
        var db = redis.GetDatabase();
        var known = db.HashGet(ClusterKeys.NodeNumbers, node);
        if (known.IsNull)
        {
            // Two starts of one name at once: the first to set it wins and both read it back.
            db.HashSet(ClusterKeys.NodeNumbers, node, db.StringIncrement(ClusterKeys.LastNodeNumber), When.NotExists);
            known = db.HashGet(ClusterKeys.NodeNumbers, node);
        }

        var number = (int)known;
        return number is > 0 and < Most ? number : throw new InvalidOperationException($"Cluster:Node {node} was given number {number} by Redis: more than {Most - 1} node names have joined; clear {ClusterKeys.NodeNumbers}.");
    }
}
