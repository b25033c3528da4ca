using System.Globalization;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>/api/viewers</c>: list and kick.</summary>
internal static class ViewerApi
{
    // A week: long enough for any real need, short enough that a typo cannot ban forever.
    private const int MaxBanMinutes = 7 * 24 * 60;

    public static IResult List(IViewerRegistry viewers) => Results.Ok(viewers.Viewers.Select(ViewerInfo.From));

    public static IResult Kick(string viewerId, HttpContext context, IViewerRegistry viewers, IViewerBans bans, TimeProvider time)
    {
        if (!long.TryParse(viewerId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Problems.BadParameter("id", "A viewer id is a whole number, as listed by GET /api/viewers.");
        }

        int? banMinutes = null;
        if (context.Request.Query["banMinutes"] is { Count: > 0 } raw)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is < 1 or > MaxBanMinutes)
            {
                return Problems.BadParameter("banMinutes", $"banMinutes must be a whole number from 1 to {MaxBanMinutes}.");
            }

            banMinutes = minutes;
        }

        var viewer = viewers.Find(id);
        if (viewer is null || !viewers.Kick(id))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown viewer", detail: $"No viewer has the id {id}; it may have left already.");
        }

        if (banMinutes is { } ban)
        {
            bans.Ban(viewer.Description, time.GetUtcNow().AddMinutes(ban));
        }

        return Results.NoContent();
    }
}
