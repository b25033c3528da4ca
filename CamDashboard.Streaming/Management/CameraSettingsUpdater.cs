using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Settings;
using Microsoft.Extensions.Logging;

namespace CamDashboard.Streaming.Management;

/// <summary>The one way camera settings change — from the API or the dashboard's sliders:
/// validated, saved, then applied from the next frame.</summary>
public sealed class CameraSettingsUpdater(ICameraSettingsStore store, IAuditTrail audit, LiveEvents events, ILogger<CameraSettingsUpdater> logger)
{
    /// <summary>Saves and applies <paramref name="settings"/>; false (nothing changed) when out of range.</summary>
    public async Task<bool> ApplyAsync(Camera camera, CameraSettings settings, string? changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsValidFor(camera.MayDeliverJpeg))
        {
            return false;
        }

        var before = camera.Settings;
        await store.SaveAsync(camera.Id, settings, cancellationToken).ConfigureAwait(false);
        camera.ApplySettings(settings);
        StreamingLog.SettingsChanged(logger, camera.Id, settings.Quality, settings.MaxFps);
        events.Publish(new CameraSettingsChanged(camera.Id, settings.Quality, settings.MaxFps, changedBy, settings.Activity));
        await audit.RecordAsync(changedBy, AuditActions.SettingsChanged, Describe(camera, settings, before), cancellationToken).ConfigureAwait(false);
        return true;
    }

    // "Front door (door): quality 60, max 15 fps", and the activity watch when it is on or was.
    private static string Describe(Camera camera, CameraSettings settings, CameraSettings before)
    {
        var text = $"{camera.Label}: quality {(settings.Quality == CameraSettings.Original ? "Original" : settings.Quality)}, max {settings.MaxFps} fps";
        return settings.Activity switch
        {
            { } activity => text + $", activity watched at sensitivity {activity.Sensitivity}" + (activity.IgnoredCells > 0 ? $", {activity.IgnoredCells} of {ActivitySettings.MaskCells} mask cells ignored" : ""),
            null when before.Activity is not null => text + ", activity not watched",
            _ => text,
        };
    }
}
