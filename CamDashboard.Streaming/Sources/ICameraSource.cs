namespace CamDashboard.Streaming.Sources;

/// <summary>A blocking frame source, used from one dedicated capture thread at a time. The
/// token passed to <see cref="Open"/> is cancelled when the capture loop gives up on the source
/// (a stall, a shutdown): a source whose calls can be interrupted (a child process, a socket)
/// ends them then, so that no thread stays stuck behind it.</summary>
public interface ICameraSource : IDisposable
{
    /// <summary>What the source turned out to deliver (e.g. "H.264 over RTSP"), once open.</summary>
    string Format { get; }

    /// <summary>Opens the source; throws <see cref="CameraSourceException"/> when it cannot.</summary>
    void Open(CancellationToken cancellationToken);

    /// <summary>Reads the next frame into <paramref name="frame"/>, blocking until it is due.
    /// Returns false when the source has ended or failed.</summary>
    bool Read(SourceFrame frame);
}
