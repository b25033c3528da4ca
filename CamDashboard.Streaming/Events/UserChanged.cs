using System.Text.Json.Serialization;

namespace CamDashboard.Streaming.Events;

/// <summary>A user was added or removed, or their role or password changed. Every change but
/// <see cref="UserChangeKind.Added"/> ends the user's sessions.</summary>
/// <param name="User">The user name.</param>
/// <param name="Change">What changed.</param>
/// <param name="By">The admin.</param>
public sealed record UserChanged(
    string User,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UserChangeKind>))] UserChangeKind Change,
    string? By) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "user";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Whether the user's cookies, streams and sockets end with it.</summary>
    [JsonIgnore]
    public bool EndsSessions => Change != UserChangeKind.Added;
}
