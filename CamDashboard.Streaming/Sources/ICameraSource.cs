using OpenCvSharp;

namespace CamDashboard.Streaming.Sources;

/// <summary>A blocking frame source, used from one dedicated capture thread at a time.</summary>
public interface ICameraSource : IDisposable
{
    /// <summary>Opens the source; throws <see cref="CameraSourceException"/> when it cannot.</summary>
    void Open();

    /// <summary>Reads the next frame into <paramref name="frame"/>, blocking until it is due.
    /// Returns false when the source has failed.</summary>
    bool Read(Mat frame);
}
