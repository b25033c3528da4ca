using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Mqtt;

/// <summary>Where the app publishes, below <see cref="MqttOptions.Topic"/>: its availability
/// (<c>online</c>, and <c>offline</c> as its last will) and, per camera, its state in lower case
/// and its viewer count, and its activity while it watches for it — all retained, so a subscriber learns them at once.</summary>
internal sealed class MqttTopics(string root)
{
    public const string Online = "online";
    public const string Offline = "offline";

    public string Availability { get; } = $"{root}/availability";

    public string State(string cameraId) => $"{root}/cameras/{cameraId}/state";

    public string Viewers(string cameraId) => $"{root}/cameras/{cameraId}/viewers";

    /// <summary>A camera's activity, <c>on</c> or <c>off</c>: only while it watches for activity.</summary>
    public string Activity(string cameraId) => $"{root}/cameras/{cameraId}/activity";

    public const string On = "on";

    public const string Off = "off";

    /// <summary>A state as the state topic says it: <c>live</c>, <c>standby</c>, <c>reconnecting</c>.</summary>
    public static string StateName(CameraState state) => state.ToString().ToLowerInvariant();
}
