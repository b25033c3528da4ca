namespace CamDashboard.Streaming.Activity;

/// <summary>A period of activity a camera saw, for its history.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="Started">When it started.</param>
/// <param name="Ended">When the last change of it was seen.</param>
/// <param name="Peak">Its highest level (0–100 % of the watched picture changed).</param>
public sealed record ActivityPeriod(string CameraId, DateTimeOffset Started, DateTimeOffset Ended, double Peak);
