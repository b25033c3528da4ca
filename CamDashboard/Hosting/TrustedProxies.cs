using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Microsoft.AspNetCore.Builder;

internal static class TrustedProxies
{
    /// <summary>Behind a reverse proxy: takes the client's address, scheme and the host it asked for
    /// from <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c>, but only from the proxies named in
    /// <c>Proxy:KnownProxies</c> (addresses) or <c>Proxy:KnownNetworks</c> (CIDR). With none
    /// configured the headers are ignored: anyone could send them.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection("Proxy");
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Proxy:KnownProxies has '{proxy}', which is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Proxy:KnownNetworks has '{network}', which is not a network such as 10.0.0.0/8."));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
