using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>What the streaming endpoints know about the viewer behind a request.</summary>
internal static class ViewerContext
{
    public static ViewerDescription Describe(HttpContext context, string cameraId, ViewerKind kind) => new(
        cameraId,
        kind,
        context.User.Identity?.Name,
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString());

    /// <summary>A 403 answer when this user may not watch the camera (banned, or a token scoped to another camera); else null.</summary>
    public static IResult? Refusal(HttpContext context, Camera camera, IViewerBans bans)
    {
        if (bans.IsBanned(context.User.Identity?.Name, context.Connection.RemoteIpAddress?.ToString()))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Banned", detail: "This viewer is banned for a while.");
        }

        return CameraScope.Allows(context.User, camera.Id)
            ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this camera", detail: $"These credentials are limited to another camera than '{camera.Id}'.");
    }
}
