using Microsoft.AspNetCore.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Where the app listens when nothing says otherwise.</summary>
internal static class DefaultAddress
{
    /// <summary>Port 5080 on both loopbacks: <c>localhost</c> makes Kestrel bind 127.0.0.1 and
    /// [::1], so a browser that resolves localhost to IPv6 reaches it too.</summary>
    public const string Url = "http://localhost:5080";

    /// <summary>Listens on <see cref="Url"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> or a <c>Kestrel:Endpoints</c> section decide.</summary>
    public static IWebHostBuilder UseDefaultAddress(this IWebHostBuilder builder, IConfiguration configuration)
    {
        var decided = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        return decided ? builder : builder.UseUrls(Url);
    }
}
