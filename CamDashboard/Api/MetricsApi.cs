using System.Security.Cryptography;
using System.Text;
using CamDashboard.Auth;
using CamDashboard.Streaming.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CamDashboard.Api;

/// <summary>The <c>Metrics</c> section.</summary>
internal sealed class MetricsOptions
{
    /// <summary>A secret a scraper may send as <c>Authorization: Bearer …</c> instead of an admin's password.</summary>
    public string? ScrapeToken { get; set; }

    /// <summary>Lets anyone scrape <c>/metrics</c> (only where the network already keeps strangers out).</summary>
    public bool AllowAnonymous { get; set; }
}

/// <summary><c>GET /metrics</c>: Prometheus text through OpenTelemetry — the streaming meter
/// (per camera and viewer kind), the runtime (GC, CPU, memory, thread pool) and ASP.NET
/// Core's hosting and Kestrel meters. Admins (HTTP Basic, as Prometheus's <c>basic_auth</c>
/// sends it), a configured scrape token, or anyone if so configured.</summary>
internal static class MetricsApi
{
    /// <summary>Where the scrape is served.</summary>
    public const string Route = "/metrics";

    private const string ScrapePolicy = "MetricsScrape";
    private const int MinTokenLength = 16;

    public static IServiceCollection AddCamDashboardMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>()
            .BindConfiguration("Metrics")
            .Validate(o => o.ScrapeToken is null || o.ScrapeToken.Length >= MinTokenLength, $"Metrics:ScrapeToken must be at least {MinTokenLength} characters.")
            .ValidateOnStart();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StreamingMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            // Created with the provider, so that the streaming meter exists before the first scrape.
            .AddInstrumentation(provider => provider.GetRequiredService<StreamingMetrics>())
            // Every scrape sees the present: a viewer that left is gone from the next one.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddAuthorizationBuilder().AddPolicy(ScrapePolicy, p => p.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || (context.Resource is HttpContext http && HasScrapeToken(http))));
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        var metrics = endpoints.MapPrometheusScrapingEndpoint(Route);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowAnonymous)
        {
            metrics.AllowAnonymous();
        }
        else
        {
            metrics.RequireAuthorization(ScrapePolicy);
        }

        return endpoints;
    }

    private static bool HasScrapeToken(HttpContext context)
    {
        var expected = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ScrapeToken;
        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return expected is not null
            && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
