using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Counts the requests seen on each connection, so that the MJPEG writer can tell the
/// first request of a connection from a later one. Only on a connection's first request is
/// nothing of an earlier response still on its way to the socket (with pipelining, Kestrel
/// may still be sending the previous answer while the next request already runs).</summary>
internal sealed class ConnectionRequestCount : IStartupFilter
{
    private static readonly object Key = new();

    /// <summary>Whether <paramref name="context"/> is the first request its connection carried.</summary>
    public static bool IsFirstOnConnection(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(Key, out var count) == true && count is Counter { Value: 1 };

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Features.Get<IConnectionItemsFeature>()?.Items is { } items)
            {
                if (!items.TryGetValue(Key, out var entry) || entry is not Counter counter)
                {
                    items[Key] = counter = new Counter();
                }

                counter.Value++;
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    private sealed class Counter
    {
        public int Value;
    }
}
