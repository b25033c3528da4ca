using System.Text.Json.Serialization;
namespace CamDashboard.Streaming.Events;

/// <summary>A user or address was banned.</summary>
/// <param name="Target"><c>user:NAME</c> or <c>address:IP</c>.</param>
/// <param name="Until">When the ban ends by itself.</param>
/// <param name="By">The admin.</param>
public sealed record BanSet(string Target, DateTimeOffset Until, string? By) : LiveEvent
{
    /// <summary>The event's name.</summary>
    public const string TypeName = "banSet";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
