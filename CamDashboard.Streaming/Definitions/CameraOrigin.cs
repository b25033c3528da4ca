namespace CamDashboard.Streaming.Definitions;

/// <summary>Where a camera's definition comes from.</summary>
public enum CameraOrigin
{
    /// <summary>The <c>Cameras</c> configuration section: read-only at runtime except its settings.</summary>
    Configuration,

    /// <summary>A built-in test pattern, there while no camera is configured or added.</summary>
    BuiltIn,

    /// <summary>Added from the dashboard or the API, stored in the database.</summary>
    Dashboard,
}
