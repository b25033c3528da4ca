namespace CamDashboard.Streaming.Definitions;

/// <summary>What a camera's <see cref="CameraOptions.Source"/> names.</summary>
public enum SourceKind
{
    /// <summary>The built-in moving test pattern.</summary>
    TestPattern,

    /// <summary>A V4L2 device index.</summary>
    Device,

    /// <summary>A video file, played in a loop at its own frame rate.</summary>
    File,

    /// <summary>An <c>http://</c> or <c>https://</c> URL serving MJPEG (<c>multipart/x-mixed-replace</c>)
    /// or single JPEG snapshots, polled; another CamDashboard's stream too. Delivers JPEG.</summary>
    Http,

    /// <summary>A video stream opened by FFmpeg: RTSP (H.264/H.265/MJPEG), RTMP, SRT, HLS.</summary>
    Network,
}
