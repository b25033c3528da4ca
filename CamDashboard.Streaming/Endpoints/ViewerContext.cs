using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

internal static class ViewerContext
{
    public static ViewerDescription Describe(HttpContext context, string cameraId, ViewerKind kind) => new(
        cameraId,
        kind,
        context.User.Identity?.Name,
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString());
}
