using CamDashboard.Streaming.Settings;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Keeps camera setting overrides in the database, so slider changes survive restarts.</summary>
internal sealed class EfCameraSettingsStore(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : ICameraSettingsStore
{
    public async Task<IReadOnlyDictionary<string, CameraSettings>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CameraSettings.AsNoTracking()
            .ToDictionaryAsync(
                s => s.CameraId,
                s => new CameraSettings(s.Quality, s.MaxFps, s.ActivitySensitivity is { } sensitivity ? new ActivitySettings(sensitivity, s.ActivityMask) : null),
                StringComparer.OrdinalIgnoreCase,
                cancellationToken);
    }

    public async Task SaveAsync(string cameraId, CameraSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.CameraSettings.FindAsync([cameraId], cancellationToken);
        if (row is null)
        {
            row = new CameraSettingOverride { CameraId = cameraId };
            db.CameraSettings.Add(row);
        }

        row.Quality = settings.Quality;
        row.MaxFps = settings.MaxFps;
        row.ActivitySensitivity = settings.Activity?.Sensitivity;
        row.ActivityMask = settings.Activity?.Mask;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
