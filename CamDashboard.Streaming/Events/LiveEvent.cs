using System.Text.Json.Serialization;

namespace CamDashboard.Streaming.Events;

/// <summary>Something that changed, as pages and programs learn of it from <see cref="LiveEvents"/>
/// (and <c>/hubs/events</c>). Plain data: ids and values, never the live objects, so an event can
/// cross to another node.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CameraStateChanged), CameraStateChanged.TypeName)]
[JsonDerivedType(typeof(CameraSettingsChanged), CameraSettingsChanged.TypeName)]
[JsonDerivedType(typeof(CameraActivityChanged), CameraActivityChanged.TypeName)]
[JsonDerivedType(typeof(CameraListChanged), CameraListChanged.TypeName)]
[JsonDerivedType(typeof(ViewerJoined), ViewerJoined.TypeName)]
[JsonDerivedType(typeof(ViewerLeft), ViewerLeft.TypeName)]
[JsonDerivedType(typeof(ViewerKicked), ViewerKicked.TypeName)]
[JsonDerivedType(typeof(BanSet), BanSet.TypeName)]
[JsonDerivedType(typeof(BanLifted), BanLifted.TypeName)]
[JsonDerivedType(typeof(UserChanged), UserChanged.TypeName)]
[JsonDerivedType(typeof(TokenChanged), TokenChanged.TypeName)]
public abstract record LiveEvent
{
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The node it happened on (empty on a single node).</summary>
    public string Node { get; init; } = "";

    /// <summary>Its name: the hub method programs listen to, and the <c>type</c> of its JSON.</summary>
    [JsonIgnore]
    public abstract string Type { get; }
}
