namespace CamDashboard.Streaming.Settings;

/// <summary>Where camera setting overrides live across restarts (the dashboard's database).</summary>
public interface ICameraSettingsStore
{
    /// <summary>All saved overrides, by camera id.</summary>
    Task<IReadOnlyDictionary<string, CameraSettings>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves the override for one camera.</summary>
    Task SaveAsync(string cameraId, CameraSettings settings, CancellationToken cancellationToken);
}
