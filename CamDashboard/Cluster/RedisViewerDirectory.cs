using System.Globalization;
using System.Text.Json;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CamDashboard.Cluster;

/// <summary>The cluster's viewers: every second each node writes its own (with their figures)
/// under a key that expires unless refreshed, beside its URL, and reads every other live node's.
/// A node that stops refreshing (killed, cut off) drops out within <see cref="Lifetime"/>.</summary>
internal sealed class RedisViewerDirectory(
    IConnectionMultiplexer redis,
    IViewerRegistry registry,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<RedisViewerDirectory> logger) : BackgroundService, IRemoteViewers
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1), Lifetime = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _node = options.Value.Node;
    private volatile IReadOnlyList<ViewerInfo> _remote = [];
    private volatile IReadOnlyDictionary<string, string> _nodes = new Dictionary<string, string>();
    private string? _failing;

    public IReadOnlyList<ViewerInfo> Viewers => _remote;

    /// <summary>The live nodes (this one too) and their URLs, as of the last refresh.</summary>
    public IReadOnlyDictionary<string, string> Nodes => _nodes;

    public async Task<bool> EndAsync(ViewerInfo viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var heard = await redis.GetSubscriber().PublishAsync(ClusterKeys.EndViewer(viewer.Node), viewer.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        if (heard == 0)
        {
            return false;
        }

        // Gone from the lists at once, not at the node's next report.
        _remote = [.. _remote.Where(v => v.Id != viewer.Id)];
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await RefreshAsync().ConfigureAwait(false);
                _failing = null;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (_failing != ex.Message)
                {
                    _failing = ex.Message;
                    ClusterLog.RedisUnreachable(logger, ex.Message);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task RefreshAsync()
    {
        var db = redis.GetDatabase();
        var mine = registry.Viewers.Select(v => ViewerInfo.From(v, _node)).ToList();
        await Task.WhenAll(
            db.StringSetAsync(ClusterKeys.Viewers(_node), JsonSerializer.Serialize(mine, Json), Lifetime),
            db.StringSetAsync(ClusterKeys.Node(_node), options.Value.NodeUrl, Lifetime),
            db.SetAddAsync(ClusterKeys.Nodes, _node)).ConfigureAwait(false);

        var names = (await db.SetMembersAsync(ClusterKeys.Nodes).ConfigureAwait(false)).Select(n => n.ToString()).ToList();
        var urls = await db.StringGetAsync([.. names.Select(ClusterKeys.Node)]).ConfigureAwait(false);
        var lists = await db.StringGetAsync([.. names.Select(ClusterKeys.Viewers)]).ConfigureAwait(false);
        Dictionary<string, string> live = [];
        List<ViewerInfo> remote = [];
        for (var i = 0; i < names.Count; i++)
        {
            if (urls[i].IsNull)
            {
                continue;
            }

            live[names[i]] = urls[i].ToString();
            if (names[i] != _node && !lists[i].IsNull)
            {
                remote.AddRange(JsonSerializer.Deserialize<List<ViewerInfo>>(lists[i].ToString(), Json) ?? []);
            }
        }

        _nodes = live;
        _remote = remote;
    }
}
