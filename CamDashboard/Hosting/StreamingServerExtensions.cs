using CamDashboard.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Microsoft.AspNetCore.Hosting;

internal static class StreamingServerExtensions
{
    /// <summary>Kestrel tuned for many long-lived stream connections, and capped (the <c>Server</c>
    /// section) so that a flood of idle connections is refused instead of exhausting file
    /// descriptors and ending the process.</summary>
    public static IWebHostBuilder ConfigureStreamingServer(this IWebHostBuilder builder) => builder
        // A thousand viewers reconnecting at once (a camera wall after a server restart) overflow
        // the default listen backlog of 512 and wait out SYN retries; the kernel caps this at somaxconn.
        .UseSockets(o => o.Backlog = 4096)
        .ConfigureKestrel((context, kestrel) =>
        {
            var limits = new ServerLimits();
            context.Configuration.GetSection("Server").Bind(limits);
            Validate(limits);
            // The overall cap is ConnectionSlots', which takes idle and anonymous connections back
            // before it refuses one; Kestrel's own would refuse the new one, whoever holds the rest.
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
            var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("CamDashboard.Server");
            var perAddress = limits.MaxConnectionsPerAddress > 0 ? new PerAddressConnectionLimit(limits.MaxConnectionsPerAddress, logger) : null;
            var slots = new ConnectionSlots(limits.EffectiveMaxConnections, logger);
            kestrel.ConfigureEndpointDefaults(endpoint =>
            {
                // One address's share first: a connection refused for its address takes no slot.
                if (perAddress is not null)
                {
                    endpoint.Use(perAddress.Wrap);
                }

                endpoint.Use(slots.Wrap);
            });
        });

    /// <summary>Tells the connection slots what each request is (signed in or not): after authentication.</summary>
    public static IApplicationBuilder UseConnectionSlots(this IApplicationBuilder app) => app.Use(ConnectionSlots.TrackAsync);

    private static void Validate(ServerLimits limits)
    {
        if (limits.MaxConnections < 0 || limits.MaxConnectionsPerAddress < 0)
        {
            throw new InvalidOperationException("Server:MaxConnections and Server:MaxConnectionsPerAddress must be 0 (default / no cap) or positive.");
        }

        if (limits.RequestHeadersTimeout <= TimeSpan.Zero || limits.KeepAliveTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Server:RequestHeadersTimeout and Server:KeepAliveTimeout must be positive time spans such as \"00:00:10\".");
        }
    }
}
