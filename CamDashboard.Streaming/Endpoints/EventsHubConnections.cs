using System.Collections.Concurrent;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.SignalR;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>The hub's open connections on this node, so that a session ending anywhere in the
/// cluster ends them too: a user removed or changed, a token revoked, a ban that covers them.</summary>
internal sealed class EventsHubConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Connection> _open = new();
    private readonly IDisposable _subscription;

    public EventsHubConnections(LiveEvents events)
    {
        _subscription = events.Subscribe(OnEvent);
    }

    /// <summary>Connections open now.</summary>
    public int Count => _open.Count;

    public void Add(HubCallerContext context, string? user, string? address) => _open[context.ConnectionId] = new Connection(context, user, address);

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public void Dispose() => _subscription.Dispose();

    private void OnEvent(LiveEvent change)
    {
        Func<Connection, bool>? ends = change switch
        {
            UserChanged { EndsSessions: true } user => c => string.Equals(c.User, user.User, StringComparison.OrdinalIgnoreCase),
            TokenChanged { Change: TokenChangeKind.Revoked } token => c => c.User?.StartsWith("token:", StringComparison.Ordinal) == true && c.User.EndsWith("#" + token.TokenId, StringComparison.Ordinal),
            BanSet ban => c => string.Equals(ViewerBans.KeyOf(c.User, c.Address), ban.Target, StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
        if (ends is null)
        {
            return;
        }

        foreach (var connection in _open.Values.Where(ends))
        {
            connection.Context.Abort();
        }
    }

    private sealed record Connection(HubCallerContext Context, string? User, string? Address);
}
