namespace CamDashboard.Streaming.Settings;

/// <summary>The live-adjustable settings of a camera.</summary>
/// <param name="Quality">JPEG quality, 1–100, or <see cref="Original"/>.</param>
/// <param name="MaxFps">Most frames per second encoded and served, 1–60.</param>
/// <param name="Activity">How the camera watches for activity; null: it does not (the default: it costs a little CPU).</param>
public sealed record CameraSettings(int Quality, int MaxFps, ActivitySettings? Activity = null)
{
    /// <summary>Quality value meaning "the camera's own JPEG, passed through untouched".</summary>
    public const int Original = 0;

    /// <summary>Lowest and highest JPEG quality.</summary>
    public const int MinQuality = 1, MaxQuality = 100;

    /// <summary>The quality of cameras that deliver pixels, unless configured.</summary>
    public const int DefaultQuality = 80;

    /// <summary>Lowest and highest frame rate cap.</summary>
    public const int MinFps = 1, MaxFpsLimit = 60;

    /// <summary>Whether every value is in range (<see cref="Original"/> included).</summary>
    public bool IsValid => IsValidQuality(Quality, allowOriginal: true) && MaxFps is >= MinFps and <= MaxFpsLimit && Activity?.IsValid != false;

    /// <summary>Whether the values suit a camera; Original only where the source delivers JPEG.</summary>
    public bool IsValidFor(bool mayDeliverJpeg) => IsValid && (Quality != Original || mayDeliverJpeg);

    /// <summary>The one range check of a quality value.</summary>
    public static bool IsValidQuality(int quality, bool allowOriginal) =>
        quality is >= MinQuality and <= MaxQuality || (allowOriginal && quality == Original);

    /// <summary>The rule in words, for error messages.</summary>
    public static string QualityRule(bool mayDeliverJpeg) => mayDeliverJpeg
        ? $"quality must be {Original} (Original: the camera's own JPEG) or from {MinQuality} to {MaxQuality}."
        : $"quality must be from {MinQuality} to {MaxQuality} (Original, 0, is only for network cameras, which may send JPEG).";

    /// <summary>The fps rule in words.</summary>
    public static string FpsRule => $"maxFps must be from {MinFps} to {MaxFpsLimit}.";
}
