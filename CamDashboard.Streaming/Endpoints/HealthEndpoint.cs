using CamDashboard.Streaming.Cameras;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>GET /healthz</c> over ASP.NET Core's health checks. Without credentials (a
/// container or load-balancer probe) it is liveness only: the checks tagged
/// <see cref="HealthTags.Live"/>, answered with one word and no camera name. An authenticated caller
/// gets every check and the state of each camera it may see; <c>503</c> unless all are healthy.</summary>
internal static class HealthEndpoint
{
    /// <summary><c>GET /readyz</c>: like liveness, anonymous and one word, but <c>503</c> unless every
    /// check tagged <see cref="HealthTags.Ready"/> is healthy (a full disk makes a node unready, not dead).</summary>
    public static async Task<IResult> Ready(HttpContext context, HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(report.Status.ToString(), "text/plain", statusCode: report.Status == HealthStatus.Healthy ? 200 : 503);
    }

    public static async Task<IResult> Check(HttpContext context, HealthCheckService health, CameraCatalog cameras)
    {
        var detailed = context.User.Identity?.IsAuthenticated == true;
        var report = await health.CheckHealthAsync(check => detailed || check.Tags.Contains(HealthTags.Live), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        if (!detailed)
        {
            return Results.Text(report.Status.ToString(), "text/plain", statusCode: report.Status == HealthStatus.Unhealthy ? 503 : 200);
        }

        var visible = cameras.All.Where(c => CameraScope.Allows(context.User, c.Id));
        return Results.Json(
            new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                cameras = visible.ToDictionary(c => c.Id, c => c.State.ToString()),
            },
            statusCode: report.Status == HealthStatus.Healthy ? 200 : 503);
    }
}

/// <summary>Healthy when every enabled camera is live or in standby (there, idle because nobody
/// watches); degraded (not unhealthy: the server still serves the others) when some are not.</summary>
internal sealed class CamerasHealthCheck(CameraCatalog cameras) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var enabled = cameras.All.Where(c => c.Enabled).ToList();
        var up = enabled.Count(c => c.State is CameraState.Live or CameraState.Standby);
        var description = $"{up} of {enabled.Count} cameras up (live or in standby).";
        return Task.FromResult(up == enabled.Count ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description));
    }
}
