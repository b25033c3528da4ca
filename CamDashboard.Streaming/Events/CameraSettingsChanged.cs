using System.Text.Json.Serialization;
using CamDashboard.Streaming.Settings;

namespace CamDashboard.Streaming.Events;

/// <summary>A camera's quality, max fps or activity watch changed.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="Quality">JPEG quality now (0: Original).</param>
/// <param name="MaxFps">Frame rate cap now.</param>
/// <param name="By">The admin who changed it.</param>
/// <param name="Activity">How it watches for activity now; null: it does not.</param>
public sealed record CameraSettingsChanged(string CameraId, int Quality, int MaxFps, string? By, ActivitySettings? Activity = null) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "cameraSettings";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
