using CamDashboard.Streaming.Frames;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>The <c>tier</c> query parameter of the stream, snapshot and tile endpoints.</summary>
internal static class QueryTier
{
    /// <summary>Reads <c>?tier=</c>: null for none (or <c>auto</c> where allowed); false for anything unknown.</summary>
    public static bool TryRead(HttpContext context, bool allowAuto, out FrameTier? tier)
    {
        tier = null;
        var values = context.Request.Query["tier"];
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1)
        {
            return false;
        }

        if (allowAuto && string.Equals(values[0], "auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!FrameTiers.TryParse(values[0], out var pinned))
        {
            return false;
        }

        tier = pinned;
        return true;
    }
}
