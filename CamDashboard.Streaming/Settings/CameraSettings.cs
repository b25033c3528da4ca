namespace CamDashboard.Streaming.Settings;

/// <summary>The live-adjustable settings of a camera.</summary>
/// <param name="Quality">JPEG quality, 1–100.</param>
/// <param name="MaxFps">Most frames per second encoded and served, 1–60.</param>
public sealed record CameraSettings(int Quality, int MaxFps)
{
    /// <summary>Lowest and highest JPEG quality.</summary>
    public const int MinQuality = 1, MaxQuality = 100;

    /// <summary>Lowest and highest frame rate cap.</summary>
    public const int MinFps = 1, MaxFpsLimit = 60;

    /// <summary>Whether both values are in range.</summary>
    public bool IsValid => Quality is >= MinQuality and <= MaxQuality && MaxFps is >= MinFps and <= MaxFpsLimit;
}
