namespace CamDashboard.Streaming.Endpoints;

/// <summary>The authorization policies the host defines for the streaming endpoints.</summary>
public sealed class CameraStreamingEndpointOptions
{
    /// <summary>The default <see cref="ViewerPolicy"/> name.</summary>
    public const string DefaultViewerPolicy = "CameraViewer";

    /// <summary>The default <see cref="AdminPolicy"/> name.</summary>
    public const string DefaultAdminPolicy = "CameraAdmin";

    /// <summary>Policy for watching: streams, snapshots, the camera list, health.</summary>
    public string ViewerPolicy { get; set; } = DefaultViewerPolicy;

    /// <summary>Policy for managing: viewers, kicks, camera settings.</summary>
    public string AdminPolicy { get; set; } = DefaultAdminPolicy;
}
