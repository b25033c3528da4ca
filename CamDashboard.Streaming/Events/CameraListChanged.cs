using System.Text.Json.Serialization;
using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Events;

/// <summary>A camera was added, redefined or removed.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="Change">What happened to it.</param>
public sealed record CameraListChanged(
    string CameraId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraChangeKind>))] CameraChangeKind Change) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "camera";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
