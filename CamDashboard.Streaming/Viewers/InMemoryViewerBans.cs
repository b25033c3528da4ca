using System.Collections.Concurrent;

namespace CamDashboard.Streaming.Viewers;

internal sealed class InMemoryViewerBans(TimeProvider time) : IViewerBans
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.OrdinalIgnoreCase);

    public void Ban(ViewerDescription viewer, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        _until[Key(viewer.User, viewer.RemoteAddress)] = until;
    }

    public bool IsBanned(string? user, string? remoteAddress)
    {
        var key = Key(user, remoteAddress);
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

    private static string Key(string? user, string? remoteAddress) =>
        string.IsNullOrEmpty(user) ? $"address:{remoteAddress}" : $"user:{user}";
}
