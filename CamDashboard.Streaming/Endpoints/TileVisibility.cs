using System.Text.Json;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>The tile socket's one message from the page, <c>{"visible": ["door", …]}</c>: the
/// cameras whose tiles are on screen.</summary>
internal static class TileVisibility
{
    /// <summary>The camera ids, case-insensitive; null for anything else (which is ignored, not
    /// an error: a newer page may say more than this server knows).</summary>
    public static HashSet<string>? Read(ReadOnlySpan<byte> message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("visible", out var visible)
                || visible.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return visible.EnumerateArray().Where(id => id.ValueKind == JsonValueKind.String)
                .Select(id => id.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
