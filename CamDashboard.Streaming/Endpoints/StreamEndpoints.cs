using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Streaming.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>GET</c> and <c>HEAD</c> of <c>/stream/{id}</c> and <c>/snapshot/{id}</c>.</summary>
internal static class StreamEndpoints
{
    public static IResult Stream(
        string cameraId, HttpContext context, CameraCatalog cameras, FrameRetriever retriever, IViewerBans bans, IViewerRegistry registry,
        IOptions<CameraStreamingOptions> options, TimeProvider time, ILogger<MjpegStreamResult> logger)
    {
        if (cameras.Find(cameraId) is not { } camera)
        {
            return Problems.UnknownCamera(cameraId);
        }

        if (!QueryNumber.TryRead(context, "fps", Settings.CameraSettings.MinFps, Settings.CameraSettings.MaxFpsLimit, out var fps))
        {
            return Problems.BadParameter("fps", $"fps must be a whole number from {Settings.CameraSettings.MinFps} to {Settings.CameraSettings.MaxFpsLimit}.");
        }

        if (!QueryTier.TryRead(context, allowAuto: true, out var tier))
        {
            return Problems.BadParameter("tier", "tier must be auto (the default: picked from how fast the connection takes frames), full, low or small.");
        }

        if ((ViewerContext.Refusal(context, camera, bans) ?? ViewerContext.OverStreamCap(context, registry, options.Value.Streaming)) is { } refusal)
        {
            return refusal;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            // What a GET would start with, without becoming a viewer.
            MjpegStreamResult.SetHeaders(context.Response);
            return Results.Empty;
        }

        // Another node's relay is told apart from people's players.
        var kind = context.User.HasClaim(c => c.Type == CameraRelay.NodeClaimType) ? ViewerKind.Relay : ViewerKind.Mjpeg;
        retriever.Attach(camera, ViewerContext.Describe(context, camera.Id, kind), fps, tier ?? FrameTier.Full);
        return new MjpegStreamResult(retriever, adaptive: tier is null, options.Value.Streaming, time, logger);
    }

    public static async Task<IResult> Snapshot(
        string cameraId, HttpContext context, CameraCatalog cameras, FrameRetriever retriever, IViewerBans bans, IOptions<CameraStreamingOptions> options)
    {
        if (cameras.Find(cameraId) is not { } camera)
        {
            return Problems.UnknownCamera(cameraId);
        }

        if (!QueryTier.TryRead(context, allowAuto: false, out var tier))
        {
            return Problems.BadParameter("tier", "tier must be full (the default), low or small.");
        }

        if (ViewerContext.Refusal(context, camera, bans) is { } refusal)
        {
            return refusal;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(null, "image/jpeg");
        }

        retriever.Attach(camera, ViewerContext.Describe(context, camera.Id, ViewerKind.Snapshot), tier: tier ?? FrameTier.Full);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.Value.Streaming.SnapshotTimeout);
        try
        {
            var frame = await retriever.NextAsync(timeout.Token);
            retriever.Sent(frame.Jpeg.Length);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Timestamp"] = MultipartFraming.FormatTimestamp(frame.CapturedAt);
            return Results.Bytes(frame.Jpeg, "image/jpeg");
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No frame available",
                detail: $"Camera '{camera.Id}' produced no frame within {options.Value.Streaming.SnapshotTimeout.TotalSeconds:0.#} s; it is {camera.State}.");
        }
    }
}
