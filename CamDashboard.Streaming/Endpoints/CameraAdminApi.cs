using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Admin: <c>POST /api/cameras</c>, <c>PUT</c> and <c>DELETE /api/cameras/{id}</c>,
/// <c>POST /api/cameras/probe</c> (the dashboard's Test button), and <c>GET /api/cameras/export</c>
/// with <c>POST /api/cameras/import</c>.</summary>
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

    /// <summary>Every camera's definition (built-in test patterns aside) as <c>POST /api/cameras</c>
    /// and <c>/import</c> take it, without passwords: secrets in URLs are masked, so a camera
    /// that needs one is given it again after an import.</summary>
    public static IResult Export(CameraCatalog cameras) =>
        Results.Ok(cameras.All.Where(c => c.Origin != CameraOrigin.BuiltIn).Select(c =>
        {
            var definition = c.Options.Clone();
            definition.Password = null;
            definition.Source = CameraSourceSpec.Redact(definition.Source);
            definition.Substream = definition.Substream is { } sub ? CameraSourceSpec.Redact(sub) : null;
            return definition;
        }));

    /// <summary>Adds each camera of an export (or any list of definitions), one at a time, as
    /// <c>POST /api/cameras</c> would: one that exists or breaks a rule is reported and the rest
    /// are added.</summary>
    public static async Task<IResult> Import(List<CameraOptions>? definitions, HttpContext context, CameraAdministration administration, CancellationToken cancellationToken)
    {
        if (definitions is not { Count: > 0 })
        {
            return Problems.BadParameter("body", "The body is a JSON array of camera definitions, as GET /api/cameras/export answers.");
        }

        List<ImportedCamera> results = [];
        foreach (var definition in definitions)
        {
            var result = await administration.AddAsync(definition, context.User.Identity?.Name, cancellationToken);
            results.Add(new ImportedCamera(
                definition.Id,
                result.Status switch { CameraEditStatus.Done => "added", CameraEditStatus.Invalid => "invalid", _ => "not added" },
                result.Status == CameraEditStatus.Done ? null : result.Message,
                result.Status == CameraEditStatus.Invalid ? result.Errors : null));
        }

        return Results.Ok(results);
    }

    /// <summary>What became of one camera of an import.</summary>
    internal sealed record ImportedCamera(string Id, string Status, string? Message, IReadOnlyDictionary<string, string[]>? Errors);

    private static IResult Answer(CameraEditResult result) => result.Status switch
    {
        CameraEditStatus.Invalid => Results.ValidationProblem(result.Errors, title: result.Message),
        CameraEditStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown camera", detail: result.Message),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Camera not changed", detail: result.Message),
    };
}
