using System.Text.Json.Serialization;
namespace CamDashboard.Streaming.Events;

/// <summary>A ban was lifted before its end.</summary>
/// <param name="Target"><c>user:NAME</c> or <c>address:IP</c>.</param>
/// <param name="By">The admin.</param>
public sealed record BanLifted(string Target, string? By) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "banLifted";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
