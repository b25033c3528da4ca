using CamDashboard.Streaming.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps CamDashboard's public HTTP contract for streams and the camera/viewer API.</summary>
public static class CameraStreamingEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/stream/{id}</c>, <c>/snapshot/{id}</c>, <c>/api/cameras</c> (read; admins
    /// also add, change, remove and probe),
    /// <c>/api/viewers</c>, <c>/healthz</c> and the dashboard tiles' <c>/ws/tiles</c> (needs
    /// <c>UseWebSockets()</c>), guarded by the policies named in <see cref="CameraStreamingEndpointOptions"/>.</summary>
    public static IEndpointRouteBuilder MapCameraStreams(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var policies = endpoints.ServiceProvider.GetRequiredService<IOptions<CameraStreamingEndpointOptions>>().Value;

        var watch = endpoints.MapGroup("").RequireAuthorization(policies.ViewerPolicy);
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        watch.MapMethods("/stream/{cameraId}", getOrHead, StreamEndpoints.Stream).WithName("Stream");
        watch.MapMethods("/snapshot/{cameraId}", getOrHead, StreamEndpoints.Snapshot).WithName("Snapshot");
        watch.MapGet("/api/cameras", CameraApi.List);
        watch.MapGet("/ws/tiles", TileSocketEndpoint.Connect);

        // Probes cannot log in: liveness answers anyone, the detail only the signed-in.
        endpoints.MapMethods("/healthz", getOrHead, HealthEndpoint.Check).AllowAnonymous();
        endpoints.MapMethods("/readyz", getOrHead, HealthEndpoint.Ready).AllowAnonymous();

        var admin = endpoints.MapGroup("/api").RequireAuthorization(policies.AdminPolicy);
        admin.MapPatch("/cameras/{cameraId}", CameraApi.Patch);
        admin.MapPost("/cameras", CameraAdminApi.Add);
        admin.MapPost("/cameras/probe", CameraAdminApi.Probe);
        admin.MapPut("/cameras/{cameraId}", CameraAdminApi.Replace);
        admin.MapDelete("/cameras/{cameraId}", CameraAdminApi.Remove);
        admin.MapGet("/viewers", ViewerApi.List);
        admin.MapDelete("/viewers/{viewerId}", ViewerApi.Kick);
        return endpoints;
    }
}
