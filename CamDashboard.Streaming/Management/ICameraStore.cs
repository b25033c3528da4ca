using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Management;

/// <summary>Where cameras added at runtime live across restarts (the dashboard's database).
/// The password is stored, never shown.</summary>
public interface ICameraStore
{
    /// <summary>Every stored camera.</summary>
    Task<IReadOnlyList<CameraOptions>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces the camera with this id.</summary>
    Task SaveAsync(CameraOptions camera, CancellationToken cancellationToken);

    /// <summary>Removes the camera with this id, if stored.</summary>
    Task DeleteAsync(string cameraId, CancellationToken cancellationToken);
}
