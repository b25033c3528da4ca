using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Admin: <c>POST /api/cameras</c>, <c>PUT</c> and <c>DELETE /api/cameras/{id}</c>, and
/// <c>POST /api/cameras/probe</c> (the dashboard's Test button).</summary>
internal static class CameraAdminApi
{
    public static async Task<IResult> Add(CameraOptions definition, HttpContext context, CameraAdministration administration, IViewerRegistry viewers, CancellationToken cancellationToken)
    {
        var result = await administration.AddAsync(definition, context.User.Identity?.Name, cancellationToken);
        return result.Camera is { } camera && result.Status == CameraEditStatus.Done
            ? Results.Created($"/api/cameras/{camera.Id}", CameraInfo.From(camera, viewers.CountFor(camera.Id)))
            : Answer(result);
    }

    public static async Task<IResult> Replace(string cameraId, CameraOptions definition, HttpContext context, CameraAdministration administration, IViewerRegistry viewers, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(definition.Id) && !string.Equals(definition.Id, cameraId, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadParameter("id", $"The camera id is the URL's ('{cameraId}') and cannot be changed; leave 'id' out of the body.");
        }

        var result = await administration.UpdateAsync(cameraId, definition, context.User.Identity?.Name, cancellationToken);
        return result.Camera is { } camera && result.Status == CameraEditStatus.Done
            ? Results.Ok(CameraInfo.From(camera, viewers.CountFor(camera.Id)))
            : Answer(result);
    }

    public static async Task<IResult> Remove(string cameraId, HttpContext context, CameraAdministration administration, CancellationToken cancellationToken)
    {
        var result = await administration.RemoveAsync(cameraId, context.User.Identity?.Name, cancellationToken);
        return result.Status == CameraEditStatus.Done ? Results.NoContent() : Answer(result);
    }

    public static async Task<IResult> Probe(CameraOptions definition, HttpContext context, CameraProbe probe, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(definition.Id))
        {
            definition.Id = "probe";
        }

        var stream = context.Request.Query["stream"].ToString();
        if (stream is not ("" or "main" or "substream"))
        {
            return Problems.BadParameter("stream", "stream must be main (the default) or substream.");
        }

        var result = await probe.ProbeAsync(definition, cancellationToken, stream == "substream" ? StreamRole.Sub : StreamRole.Main);
        if (result.Fault == CameraProbe.Busy)
        {
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many tests", detail: result.Error);
        }

        return Results.Ok(result);
    }

    private static IResult Answer(CameraEditResult result) => result.Status switch
    {
        CameraEditStatus.Invalid => Results.ValidationProblem(result.Errors, title: result.Message),
        CameraEditStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown camera", detail: result.Message),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Camera not changed", detail: result.Message),
    };
}
