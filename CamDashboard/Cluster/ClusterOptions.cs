namespace CamDashboard.Cluster;

/// <summary>The <c>Cluster</c> section. Without <see cref="Redis"/> the app is one node, as
/// always; with it, every node alike shares events, viewers and camera ownership through Redis
/// (and its data through PostgreSQL: <c>Database:Provider</c>).</summary>
internal sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>StackExchange.Redis configuration, e.g. <c>redis.lan:6379,password=...</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>This node's name, unique in the cluster.</summary>
    public string Node { get; set; } = "";

    /// <summary>Where the other nodes reach this one (<c>http://10.0.0.2:8080</c>), for relays.</summary>
    public string? NodeUrl { get; set; }

    /// <summary>The secret nodes present to each other (at least 32 characters), never a user's password.</summary>
    public string? Secret { get; set; }

    public bool IsClustered => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>What is wrong with the section, naming each key; empty when it is usable.</summary>
    public List<string> Problems(string? databaseProvider)
    {
        List<string> problems = [];
        if (!IsClustered)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(Node))
        {
            problems.Add("Cluster:Node must name this node (unique in the cluster) when Cluster:Redis is set.");
        }

        if (!Uri.TryCreate(NodeUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"Cluster:NodeUrl must be the http(s) address other nodes reach this one at, e.g. http://10.0.0.2:8080 (was '{NodeUrl}').");
        }

        if (Secret is not { Length: >= 32 })
        {
            problems.Add("Cluster:Secret must be at least 32 characters, the same on every node (e.g. openssl rand -base64 32).");
        }

        if (!string.Equals(databaseProvider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Database:Provider must be PostgreSQL when Cluster:Redis is set: the nodes share one database.");
        }

        return problems;
    }
}
