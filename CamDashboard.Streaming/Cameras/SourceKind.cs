namespace CamDashboard.Streaming.Cameras;

/// <summary>What a camera's <see cref="CameraOptions.Source"/> names.</summary>
public enum SourceKind
{
    /// <summary>The built-in moving test pattern.</summary>
    TestPattern,

    /// <summary>A V4L2 device index.</summary>
    Device,

    /// <summary>A video file, played in a loop at its own frame rate.</summary>
    File,

    /// <summary>An RTSP or HTTP URL.</summary>
    Url,
}
