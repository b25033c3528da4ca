namespace CamDashboard.Streaming.Cameras;

/// <summary>What happened to the catalog.</summary>
public enum CameraChangeKind
{
    /// <summary>A camera was added.</summary>
    Added,

    /// <summary>A camera's definition (source, name, credentials, enabled) changed.</summary>
    Redefined,

    /// <summary>A camera was removed.</summary>
    Removed,
}

/// <summary>A change to the <see cref="CameraCatalog"/>; <paramref name="Followed"/> when it
/// follows a change another node of a cluster made (and announced already).</summary>
public sealed record CameraChange(CameraChangeKind Kind, Camera Camera, bool Followed = false);
