using System.Text.Json.Serialization;
namespace CamDashboard.Streaming.Events;

/// <summary>An admin kicked a viewer (and maybe banned its user or address).</summary>
/// <param name="ViewerId">Its id.</param>
/// <param name="CameraId">The camera it watched.</param>
/// <param name="User">Its user or token name.</param>
/// <param name="By">The admin.</param>
/// <param name="BanMinutes">The ban that came with it, if any.</param>
public sealed record ViewerKicked(long ViewerId, string CameraId, string? User, string? By, int? BanMinutes) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "viewerKicked";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
