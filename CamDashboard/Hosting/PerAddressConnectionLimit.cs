using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace CamDashboard.Hosting;

/// <summary>Closes a new connection at once when its address already holds the most allowed,
/// so one client cannot take every connection slot. Counts live for the connection's life.</summary>
internal sealed class PerAddressConnectionLimit(int maxPerAddress, ILogger logger)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var address })
        {
            await next(connection);
            return;
        }

        if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > maxPerAddress)
        {
            Release(address);
            ServerLog.PerAddressCapReached(logger, address.ToString(), maxPerAddress);
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

    private void Release(IPAddress address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(KeyValuePair.Create(address, 0));
        }
    }
}
