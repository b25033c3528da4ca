using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>The URLs other tools' users already point Home Assistant and Frigate at, answered as
/// <c>/stream/{id}</c> and <c>/snapshot/{id}</c> are (the same sign-in, the same viewers):
/// go2rtc's <c>/api/stream.mjpeg?src=ID</c> and <c>/api/frame.jpeg?src=ID</c>, and Frigate's
/// <c>/api/{camera}/latest.jpg</c>.</summary>
internal static class DropInRoutes
{
    public static void Map(RouteGroupBuilder watch, string[] getOrHead)
    {
        watch.MapMethods(StreamingRoutes.Api + "/stream.mjpeg", getOrHead, (
            HttpContext context, CameraCatalog cameras, FrameRetriever retriever, IViewerBans bans, IViewerRegistry registry,
            IOptions<CameraStreamingOptions> options, TimeProvider time, ILogger<MjpegStreamResult> logger) =>
            Source(context) is { } id ? StreamEndpoints.Stream(id, context, cameras, retriever, bans, registry, options, time, logger) : NoSource());
        watch.MapMethods(StreamingRoutes.Api + "/frame.jpeg", getOrHead, async (
            HttpContext context, CameraCatalog cameras, FrameRetriever retriever, IViewerBans bans, IOptions<CameraStreamingOptions> options) =>
            Source(context) is { } id ? await StreamEndpoints.Snapshot(id, context, cameras, retriever, bans, options) : NoSource());
        watch.MapMethods(StreamingRoutes.Api + "/{cameraId}/latest.jpg", getOrHead, StreamEndpoints.Snapshot);
    }

    private static string? Source(HttpContext context) =>
        context.Request.Query["src"].ToString() is { Length: > 0 } id ? id : null;

    private static IResult NoSource() =>
        Problems.BadParameter("src", "src names the camera, as in /api/stream.mjpeg?src=front (the id GET /api/cameras lists).");
}
