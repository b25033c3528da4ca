using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>A camera's activity watch in <c>/api/cameras</c>: its settings and what it sees now.</summary>
/// <param name="Sensitivity">1–100.</param>
/// <param name="Mask">The ignored cells (16×9, row by row, 1 ignored), or null.</param>
/// <param name="Active">Whether a period of activity is under way.</param>
/// <param name="Level">The share of the watched picture (0–100 %) that changed between the last two analysed frames.</param>
/// <param name="Since">When the period under way, or the last one, started.</param>
public sealed record ActivityInfo(int Sensitivity, string? Mask, bool Active, double Level, DateTimeOffset? Since)
{
    /// <summary>Null for a camera that does not watch for activity.</summary>
    internal static ActivityInfo? From(Camera camera) => camera.Settings.Activity is { } settings
        ? new ActivityInfo(settings.Sensitivity, settings.Mask, camera.Activity.Active, camera.Activity.Level, camera.Activity.Since)
        : null;
}
