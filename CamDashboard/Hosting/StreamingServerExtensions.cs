using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Microsoft.AspNetCore.Hosting;

internal static class StreamingServerExtensions
{
    /// <summary>Kestrel tuned for many long-lived stream connections.</summary>
    public static IWebHostBuilder ConfigureStreamingServer(this IWebHostBuilder builder) =>
        // A thousand viewers reconnecting at once (a camera wall after a server restart) overflow
        // the default listen backlog of 512 and wait out SYN retries; the kernel caps this at somaxconn.
        builder.UseSockets(o => o.Backlog = 4096);
}
