using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Mqtt;

/// <summary>Where the app publishes, below <see cref="MqttOptions.Topic"/>: its availability
/// (<c>online</c>, and <c>offline</c> as its last will) and, per camera, its state in lower case
/// and its viewer count — all retained, so a subscriber learns them at once.</summary>
internal sealed class MqttTopics(string root)
{
    public const string Online = "online";
    public const string Offline = "offline";

    public string Availability { get; } = $"{root}/availability";

    public string State(string cameraId) => $"{root}/cameras/{cameraId}/state";

    public string Viewers(string cameraId) => $"{root}/cameras/{cameraId}/viewers";

    /// <summary>A state as the state topic says it: <c>live</c>, <c>standby</c>, <c>reconnecting</c>.</summary>
    public static string StateName(CameraState state) => state.ToString().ToLowerInvariant();
}
