using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Reads an optional whole-number query parameter within a range: absent is fine,
/// anything else out of range or malformed is the caller's 400.</summary>
internal static class QueryNumber
{
    public static bool TryRead(HttpContext context, string name, int min, int max, out int? value)
    {
        value = null;
        var raw = context.Request.Query[name];
        if (raw.Count == 0)
        {
            return true;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
