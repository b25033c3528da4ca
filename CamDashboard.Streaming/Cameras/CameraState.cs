namespace CamDashboard.Streaming.Cameras;

/// <summary>Where a camera's capture loop is.</summary>
public enum CameraState
{
    /// <summary>Opening the source for the first time.</summary>
    Starting,

    /// <summary>Frames are arriving.</summary>
    Live,

    /// <summary>Nobody needs the camera's pictures: nothing is decoded or encoded, and the camera
    /// is checked now and then (or its stream read without decoding) so this stays true. The
    /// first viewer wakes it.</summary>
    Standby,

    /// <summary>The source failed or stalled; it is being reopened with back-off.</summary>
    Reconnecting,

    /// <summary>The source refused the credentials; retried slowly.</summary>
    Unauthorized,

    /// <summary>The source's host could not be reached (refused, unreachable, unknown name); retried with back-off.</summary>
    Unreachable,

    /// <summary>The address answers with something that is no camera's stream (a web page, the
    /// camera's own admin interface): a setup mistake, not a dropout; retried slowly.</summary>
    NotACamera,

    /// <summary>Switched off by an admin: listed, not captured.</summary>
    Disabled,

    /// <summary>Capture has ended (shutdown).</summary>
    Stopped,
}
