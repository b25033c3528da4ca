using System.Text.Json.Serialization;

namespace CamDashboard.Streaming.Events;

/// <summary>A stream token was created or revoked.</summary>
/// <param name="TokenId">The token's id (never its secret).</param>
/// <param name="Name">Its name, as streams show it.</param>
/// <param name="Change">What happened to it.</param>
/// <param name="By">The admin.</param>
public sealed record TokenChanged(
    string TokenId,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TokenChangeKind>))] TokenChangeKind Change,
    string? By) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "token";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
