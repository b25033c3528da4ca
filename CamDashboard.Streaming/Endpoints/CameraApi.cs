using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Management;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>/api/cameras</c>.</summary>
internal static class CameraApi
{
    // A camera-scoped token sees its own camera only: no other camera's name, size or state. Only
    // admins see where cameras are.
    public static async Task<IResult> List(HttpContext context, CameraCatalog cameras, IViewerRegistry viewers, ICameraRelays relays, IAuthorizationService authorization, IOptions<CameraStreamingEndpointOptions> policies)
    {
        var admin = (await authorization.AuthorizeAsync(context.User, policies.Value.AdminPolicy)).Succeeded;
        return Results.Ok(cameras.All.Where(c => CameraScope.Allows(context.User, c.Id)).Select(c => CameraInfo.From(c, viewers.CountFor(c.Id), admin, relays.OwnerOf(c.Id))));
    }

    public static async Task<IResult> Patch(
        string cameraId, CameraSettingsPatch patch, HttpContext context, CameraCatalog cameras, IViewerRegistry viewers, CameraSettingsUpdater updater, CancellationToken cancellationToken)
    {
        if (cameras.Find(cameraId) is not { } camera)
        {
            return Problems.UnknownCamera(cameraId);
        }

        var current = camera.Settings;
        var updated = new CameraSettings(patch.Quality ?? current.Quality, patch.MaxFps ?? current.MaxFps, Activity(patch.Activity, current.Activity));
        if (!await updater.ApplyAsync(camera, updated, context.User.Identity?.Name, cancellationToken))
        {
            return Results.ValidationProblem(Errors(updated, camera.MayDeliverJpeg), title: "Invalid camera settings");
        }

        return Results.Ok(CameraInfo.From(camera, viewers.CountFor(camera.Id)));
    }

    private static ActivitySettings? Activity(ActivityPatch? patch, ActivitySettings? current) => patch switch
    {
        null => current,
        { Enabled: false } => null,
        _ => new ActivitySettings(
            patch.Sensitivity ?? current?.Sensitivity ?? ActivitySettings.DefaultSensitivity,
            patch.Mask is null ? current?.Mask : patch.Mask.Length == 0 || !patch.Mask.Contains('1', StringComparison.Ordinal) ? null : patch.Mask),
    };

    private static Dictionary<string, string[]> Errors(CameraSettings settings, bool mayDeliverJpeg)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CameraSettings.IsValidQuality(settings.Quality, mayDeliverJpeg))
        {
            errors["quality"] = [CameraSettings.QualityRule(mayDeliverJpeg)];
        }

        if (settings.MaxFps is < CameraSettings.MinFps or > CameraSettings.MaxFpsLimit)
        {
            errors["maxFps"] = [CameraSettings.FpsRule];
        }

        if (settings.Activity is { } activity)
        {
            if (activity.Sensitivity is < ActivitySettings.MinSensitivity or > ActivitySettings.MaxSensitivity)
            {
                errors["activity.sensitivity"] = [ActivitySettings.SensitivityRule];
            }

            if (!ActivitySettings.IsValidMask(activity.Mask))
            {
                errors["activity.mask"] = [ActivitySettings.MaskRule];
            }
        }

        return errors;
    }
}
