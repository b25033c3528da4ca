using System.Text.Json.Serialization;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Streaming.Events;

/// <summary>A viewer connected.</summary>
/// <param name="ViewerId">Its id, as <c>/api/viewers</c> lists it.</param>
/// <param name="CameraId">The camera it watches.</param>
/// <param name="Kind">How it is served.</param>
/// <param name="User">Its user or token name.</param>
/// <param name="RemoteAddress">Its address.</param>
public sealed record ViewerJoined(
    long ViewerId,
    string CameraId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ViewerKind>))] ViewerKind Kind,
    string? User,
    string? RemoteAddress) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "viewerJoined";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
