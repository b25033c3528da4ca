namespace CamDashboard.Streaming.Cameras;

/// <summary>Where a camera's capture loop is.</summary>
public enum CameraState
{
    /// <summary>Opening the source for the first time.</summary>
    Starting,

    /// <summary>Frames are arriving.</summary>
    Live,

    /// <summary>The source failed or stalled; it is being reopened with back-off.</summary>
    Reconnecting,

    /// <summary>Capture has ended (shutdown).</summary>
    Stopped,
}
