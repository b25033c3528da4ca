using System.Collections.Concurrent;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CamDashboard.Auth;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CamDashboard.Cluster;

/// <summary>Which node captures each camera: a lease in Redis (<see cref="Lease"/>, renewed every
/// <see cref="Period"/>) that one node holds per camera. A camera nobody holds is taken at once
/// by the live node it prefers (highest rendezvous hash of node and camera: cameras spread
/// evenly, and the same ones go back to a node that returns), a round later by any node. A node
/// holding more than its share gives one back per round to the node that camera prefers. A node
/// that dies stops renewing: its cameras are taken within a lease and a round. The others relay
/// the owner's stream (<see cref="RelayFor"/>).</summary>
internal sealed class CameraLeases(
    IConnectionMultiplexer redis,
    CameraCatalog cameras,
    RedisViewerDirectory directory,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<CameraLeases> logger) : BackgroundService, ICameraRelays
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2), Lease = TimeSpan.FromSeconds(6);

    private const string Renew = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private const string Release = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private readonly string _me = options.Value.Node;
    private readonly string _authorization = NodeAuthenticationHandler.HeaderFor(options.Value.Node, options.Value.Secret ?? "");
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _missed = new(StringComparer.OrdinalIgnoreCase);

    public event EventHandler<string>? OwnerChanged;

    public string OwnerOf(string cameraId) => _owners.GetValueOrDefault(cameraId) ?? "";

    public CameraRelay? RelayFor(string cameraId)
    {
        // The first attempt of a camera (at start, or just added) decides on the spot.
        if (!_owners.TryGetValue(cameraId, out var owner))
        {
            var db = redis.GetDatabase();
            owner = db.StringSet(ClusterKeys.CameraOwner(cameraId), _me, Lease, When.NotExists) ? _me : db.StringGet(ClusterKeys.CameraOwner(cameraId)).ToString();
            owner = string.IsNullOrEmpty(owner) ? _me : owner;
            _owners[cameraId] = owner;
        }

        if (owner == _me)
        {
            return null;
        }

        var url = directory.Nodes.GetValueOrDefault(owner) ?? redis.GetDatabase().StringGet(ClusterKeys.Node(owner)).ToString();
        // An owner that no longer says where it is has died: its lease ends soon, and this camera
        // waits for the next owner (the relay fails and is retried).
        return new CameraRelay(owner, string.IsNullOrEmpty(url) ? null : new Uri(url.TrimEnd('/') + "/"), _authorization);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RoundAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The leases lapse while Redis is away; the round after it is back sorts them out.
                ClusterLog.RedisUnreachable(logger, ex.Message);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Going away on purpose: the cameras are free for the others' next round, not a lease later.
        var db = redis.GetDatabase();
        foreach (var (camera, owner) in _owners)
        {
            if (owner == _me)
            {
                await db.ScriptEvaluateAsync(Release, [ClusterKeys.CameraOwner(camera)], [_me]).ConfigureAwait(false);
            }
        }
    }

    private async Task RoundAsync()
    {
        var db = redis.GetDatabase();
        var live = directory.Nodes.Keys.Append(_me).Distinct().ToList();
        var ids = cameras.All.Where(c => c.Enabled).Select(c => c.Id).ToList();
        var fairShare = (ids.Count + live.Count - 1) / Math.Max(1, live.Count);
        var mine = _owners.Count(o => o.Value == _me && ids.Contains(o.Key, StringComparer.OrdinalIgnoreCase));
        var gaveBack = false;
        foreach (var id in ids)
        {
            var key = ClusterKeys.CameraOwner(id);
            var owner = (await db.StringGetAsync(key).ConfigureAwait(false)).ToString();
            var preferred = Preferred(id, live);
            if (owner == _me)
            {
                if ((long)await db.ScriptEvaluateAsync(Renew, [key], [_me, (long)Lease.TotalMilliseconds]).ConfigureAwait(false) == 0)
                {
                    owner = "";
                }
                else if (!gaveBack && mine > fairShare && preferred != _me)
                {
                    // More than this node's share: the camera goes to the node it prefers, which takes it at once.
                    await db.ScriptEvaluateAsync(Release, [key], [_me]).ConfigureAwait(false);
                    (owner, gaveBack) = ("", true);
                    mine--;
                    _missed.Add(id);
                    Decide(id, "");
                    continue;
                }
            }

            if (string.IsNullOrEmpty(owner))
            {
                // Taken at once by the node the camera prefers, a round later by anyone.
                if ((preferred == _me || !_missed.Add(id)) && await db.StringSetAsync(key, _me, Lease, When.NotExists).ConfigureAwait(false))
                {
                    owner = _me;
                    mine++;
                }
                else
                {
                    owner = (await db.StringGetAsync(key).ConfigureAwait(false)).ToString();
                }
            }

            if (!string.IsNullOrEmpty(owner))
            {
                _missed.Remove(id);
                Decide(id, owner);
            }
        }
    }

    private void Decide(string cameraId, string owner)
    {
        var before = _owners.GetValueOrDefault(cameraId);
        if (owner.Length == 0 || before == owner)
        {
            return;
        }

        _owners[cameraId] = owner;
        if (before is null)
        {
            return;
        }

        if (owner == _me)
        {
            ClusterLog.CameraTaken(logger, cameraId, before);
        }
        else
        {
            ClusterLog.CameraRelayed(logger, cameraId, owner);
        }

        OwnerChanged?.Invoke(this, cameraId);
    }

    // Rendezvous hashing: every node ranks the same way, and a node's cameras stay its own while it lives.
    private static string Preferred(string cameraId, List<string> nodes) =>
        nodes.MaxBy(node => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(node + "\n" + cameraId.ToLowerInvariant()))))!;
}
