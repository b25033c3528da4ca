using System.Collections.Concurrent;
using System.Net;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Connections;

namespace CamDashboard.Hosting;

/// <summary>Closes a new connection at once when its address already holds the most allowed,
/// so one client cannot take every connection slot. Counts live for the connection's life.
/// Refusals are logged at most every ten seconds, with how many there were: a flood must not
/// become a flood of log lines.</summary>
internal sealed class PerAddressConnectionLimit(int maxPerAddress, ILogger logger)
{
    private static readonly long LogEvery = TimeSpan.FromSeconds(10).Ticks;
    private readonly ConcurrentDictionary<string, int> _open = new();
    private long _refused;
    private long _loggedAt;

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var ip })
        {
            await next(connection);
            return;
        }

        // An IPv6 client counts as its /64: it could take a new address for every connection.
        var address = AddressGroup.Of(ip);

        if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > maxPerAddress)
        {
            Release(address);
            Interlocked.Increment(ref _refused);
            var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
            var last = Interlocked.Read(ref _loggedAt);
            if (now - last >= LogEvery && Interlocked.CompareExchange(ref _loggedAt, now, last) == last)
            {
                ServerLog.PerAddressCapReached(logger, address, maxPerAddress, Interlocked.Exchange(ref _refused, 0));
            }

            connection.Abort(new ConnectionAbortedException("Too many connections from this address."));
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Release(address);
        }
    };

    private void Release(string address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(KeyValuePair.Create(address, 0));
        }
    }
}
