namespace CamDashboard.Streaming.Management;

/// <summary>What testing a camera source found: one frame and what the source delivers, or why it failed.</summary>
/// <param name="Ok">Whether a frame arrived.</param>
/// <param name="Error">Why not, fit to show (no credentials).</param>
/// <param name="Fault">The kind of failure: Failed, Unauthorized, Unreachable or NotACamera.</param>
/// <param name="Format">What the source delivers, e.g. "H.264 over RTSP, 1280×720, 25 fps".</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="Fps">Frames per second measured over the first frames, when there were several.</param>
/// <param name="Preview">The first frame as JPEG.</param>
public sealed record ProbeResult(bool Ok, string? Error, string? Fault, string? Format, int Width, int Height, double? Fps, byte[]? Preview);
