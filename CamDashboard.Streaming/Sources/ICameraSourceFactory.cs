using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>Creates a fresh, unopened source for a camera; called again on every reconnect.</summary>
public interface ICameraSourceFactory
{
    /// <summary>Creates the source described by <paramref name="camera"/>.</summary>
    ICameraSource Create(CameraOptions camera);
}
