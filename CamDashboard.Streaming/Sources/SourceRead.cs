namespace CamDashboard.Streaming.Sources;

/// <summary>How a source's <see cref="ICameraSource.Read"/> ended.</summary>
public enum SourceRead
{
    /// <summary>A frame was read into the caller's <see cref="SourceFrame"/>.</summary>
    Frame,

    /// <summary>No frame was wanted; the source checked, as far as it does, that the camera is still there.</summary>
    Idle,

    /// <summary>The source has ended or failed; the capture loop reopens it.</summary>
    Ended,
}
