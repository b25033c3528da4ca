using System.Text.Json.Serialization;

namespace CamDashboard.Streaming.Events;

/// <summary>A camera's activity started or ended.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="Active">True when it started, false when it ended.</param>
/// <param name="Level">The share of the watched picture (0–100 %) that changed at that moment.</param>
/// <param name="Peak">The period's highest level so far (at its end: its highest).</param>
/// <param name="Since">When the period started.</param>
public sealed record CameraActivityChanged(string CameraId, bool Active, double Level, double Peak, DateTimeOffset? Since) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "cameraActivity";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
