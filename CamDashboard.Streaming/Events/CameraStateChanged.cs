using System.Text.Json.Serialization;
using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Events;

/// <summary>A camera's state, or one of its streams', changed.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="State">Its state now.</param>
/// <param name="Error">Why it is not live (redacted); admins only.</param>
public sealed record CameraStateChanged(
    string CameraId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraState>))] CameraState State,
    string? Error) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "cameraState";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
