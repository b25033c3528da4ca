using System.Collections.Concurrent;

namespace CamDashboard.Streaming.Viewers;

/// <summary>Bans in memory: the default, and the fast path of a persistent store.</summary>
internal sealed class InMemoryViewerBans(TimeProvider time) : IViewerBans
{
    private readonly ConcurrentDictionary<string, ActiveBan> _bans = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ActiveBan> Active
    {
        get
        {
            var now = time.GetUtcNow();
            return [.. _bans.Values.Where(b => b.Until > now).OrderBy(b => b.Until)];
        }
    }

    public Task BanAsync(ViewerDescription viewer, DateTimeOffset until, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        Set(new ActiveBan(KeyOf(viewer.User, viewer.RemoteAddress), by, time.GetUtcNow(), until));
        return Task.CompletedTask;
    }

    public bool IsBanned(string? user, string? remoteAddress)
    {
        var key = KeyOf(user, remoteAddress);
        if (!_bans.TryGetValue(key, out var ban))
        {
            return false;
        }

        if (ban.Until > time.GetUtcNow())
        {
            return true;
        }

        _bans.TryRemove(key, out _);
        return false;
    }

    public Task<bool> LiftAsync(string target, CancellationToken cancellationToken) => Task.FromResult(Remove(target));

    /// <summary>What a ban applies to: the user, or the address (its /64 for IPv6) of an anonymous viewer.</summary>
    public static string KeyOf(string? user, string? remoteAddress) =>
        string.IsNullOrEmpty(user) ? $"address:{AddressGroup.Of(remoteAddress)}" : $"user:{user}";

    public void Set(ActiveBan ban) => _bans[ban.Target] = ban;

    public bool Remove(string target) => _bans.TryRemove(target, out _);
}
