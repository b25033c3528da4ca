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

        await store.SaveAsync(camera.Id, settings, cancellationToken).ConfigureAwait(false);
        camera.ApplySettings(settings);
        StreamingLog.SettingsChanged(logger, camera.Id, settings.Quality, settings.MaxFps);
        events.Publish(new CameraSettingsChanged(camera.Id, settings.Quality, settings.MaxFps, changedBy));
        await audit.RecordAsync(changedBy, AuditActions.SettingsChanged, $"{camera.Label}: quality {(settings.Quality == CameraSettings.Original ? "Original" : settings.Quality)}, max {settings.MaxFps} fps", cancellationToken).ConfigureAwait(false);
        return true;
    }
}
