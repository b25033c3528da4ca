using CamDashboard.Streaming;
using CamDashboard.Streaming.Endpoints;
using Microsoft.AspNetCore.Authorization;
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
    /// <c>/api/viewers</c>, <c>/healthz</c>, <c>/readyz</c>, the dashboard tiles' <c>/ws/tiles</c> (needs
    /// <c>UseWebSockets()</c>) and the SignalR hub <c>/hubs/events</c>, guarded by the policies named in <see cref="CameraStreamingEndpointOptions"/>.</summary>
    public static IEndpointRouteBuilder MapCameraStreams(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var policies = endpoints.ServiceProvider.GetRequiredService<IOptions<CameraStreamingEndpointOptions>>().Value;
        RequirePolicy(endpoints, policies.ViewerPolicy, nameof(policies.ViewerPolicy));
        RequirePolicy(endpoints, policies.AdminPolicy, nameof(policies.AdminPolicy));

        var watch = endpoints.MapGroup("").RequireAuthorization(policies.ViewerPolicy);
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        watch.MapMethods(StreamingRoutes.Stream + "/{cameraId}", getOrHead, StreamEndpoints.Stream).WithName("Stream");
        watch.MapMethods(StreamingRoutes.Snapshot + "/{cameraId}", getOrHead, StreamEndpoints.Snapshot).WithName("Snapshot");
        watch.MapGet(StreamingRoutes.Api + "/cameras", CameraApi.List);
        DropInRoutes.Map(watch, getOrHead);
        watch.MapGet(StreamingRoutes.Tiles, TileSocketEndpoint.Connect);
        endpoints.MapHub<EventsHub>(StreamingRoutes.Events).RequireAuthorization(policies.ViewerPolicy);

        // Probes cannot log in: liveness answers anyone, the detail only the signed-in.
        endpoints.MapMethods(StreamingRoutes.Health, getOrHead, HealthEndpoint.Check).AllowAnonymous();
        endpoints.MapMethods(StreamingRoutes.Ready, getOrHead, HealthEndpoint.Ready).AllowAnonymous();

        var admin = endpoints.MapGroup(StreamingRoutes.Api).RequireAuthorization(policies.AdminPolicy);
        admin.MapPatch("/cameras/{cameraId}", CameraApi.Patch);
        admin.MapPost("/cameras", CameraAdminApi.Add);
        admin.MapPost("/cameras/probe", CameraAdminApi.Probe);
        admin.MapGet("/cameras/export", CameraAdminApi.Export);
        admin.MapPost("/cameras/import", CameraAdminApi.Import);
        admin.MapPut("/cameras/{cameraId}", CameraAdminApi.Replace);
        admin.MapDelete("/cameras/{cameraId}", CameraAdminApi.Remove);
        admin.MapGet("/viewers", ViewerApi.List);
        admin.MapDelete("/viewers/{viewerId}", ViewerApi.Kick);
        return endpoints;
    }

    // A policy name that nothing defines would fail every request with a 500: say so at start-up.
    private static void RequirePolicy(IEndpointRouteBuilder endpoints, string name, string option)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<AuthorizationOptions>>().Value.GetPolicy(name) is null)
        {
            throw new InvalidOperationException(
                $"CameraStreamingEndpointOptions.{option} names the authorization policy '{name}', which is not registered. Register it with AddAuthorizationBuilder().AddPolicy(\"{name}\", ...) or name one that is.");
        }
    }
}
