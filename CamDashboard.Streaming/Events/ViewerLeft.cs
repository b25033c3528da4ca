using System.Text.Json.Serialization;
namespace CamDashboard.Streaming.Events;

/// <summary>A viewer's connection ended (closed, kicked or timed out).</summary>
/// <param name="ViewerId">Its id.</param>
/// <param name="CameraId">The camera it watched.</param>
/// <param name="FramesSent">Frames it was sent.</param>
public sealed record ViewerLeft(long ViewerId, string CameraId, long FramesSent) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "viewerLeft";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
