namespace CamDashboard.Streaming.Sources;

/// <summary>A blocking frame source, used from one dedicated capture thread at a time. The
/// token passed to <see cref="Open"/> is cancelled when the capture loop gives up on the source
/// (a stall, a shutdown): a source whose calls can be interrupted (a child process, a socket)
/// ends them then, so that no thread stays stuck behind it.</summary>
public interface ICameraSource : IDisposable
{
    /// <summary>What the source turned out to deliver (e.g. "H.264 over RTSP, 1920×1080, 25 fps"), once open.</summary>
    string Format { get; }

    /// <summary>The frame rate the source itself says it delivers (a stream's declared rate), or null when it does not say.</summary>
    double? NativeFps { get; }

    /// <summary>Opens the source for <paramref name="demand"/>; throws <see cref="CameraSourceException"/> when it cannot.</summary>
    void Open(SourceDemand demand, CancellationToken cancellationToken);

    /// <summary>Reads the next frame <paramref name="demand"/> wants into <paramref name="frame"/>,
    /// blocking until it is due. When the demand wants no frames, returns <see cref="SourceRead.Idle"/>
    /// within about a second (sooner when the demand changes), having checked now and then that the
    /// source is still there. Throws <see cref="CameraSourceException"/> when that check fails.</summary>
    SourceRead Read(SourceFrame frame, SourceDemand demand);
}
