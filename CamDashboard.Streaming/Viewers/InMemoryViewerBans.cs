using System.Collections.Concurrent;

namespace CamDashboard.Streaming.Viewers;

/// <summary>Bans in memory: the default, and the fast path of a persistent store.</summary>
internal sealed class InMemoryViewerBans(TimeProvider time) : IViewerBans
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.OrdinalIgnoreCase);

    public Task BanAsync(ViewerDescription viewer, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        Set(KeyOf(viewer.User, viewer.RemoteAddress), until);
        return Task.CompletedTask;
    }

    public bool IsBanned(string? user, string? remoteAddress)
    {
        var key = KeyOf(user, remoteAddress);
        if (!_until.TryGetValue(key, out var until))
        {
            return false;
        }

        if (until > time.GetUtcNow())
        {
            return true;
        }

        _until.TryRemove(key, out _);
        return false;
    }

    /// <summary>What a ban applies to: the user, or the address of an anonymous viewer.</summary>
    public static string KeyOf(string? user, string? remoteAddress) =>
        string.IsNullOrEmpty(user) ? $"address:{remoteAddress}" : $"user:{user}";

    public void Set(string key, DateTimeOffset until) => _until[key] = until;
}
