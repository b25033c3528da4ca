using System.Globalization;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>/api/viewers</c>: list and kick.</summary>
internal static class ViewerApi
{
    public static IResult List(IViewerRegistry viewers) => Results.Ok(viewers.Viewers.Select(ViewerInfo.From));

    public static async Task<IResult> Kick(string viewerId, HttpContext context, ViewerModeration moderation, CancellationToken cancellationToken)
    {
        if (!long.TryParse(viewerId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Problems.BadParameter("id", "A viewer id is a whole number, as listed by GET /api/viewers.");
        }

        if (!QueryNumber.TryRead(context, "banMinutes", 1, ViewerModeration.MaxBanMinutes, out var banMinutes))
        {
            return Problems.BadParameter("banMinutes", $"banMinutes must be a whole number from 1 to {ViewerModeration.MaxBanMinutes}.");
        }

        return await moderation.KickAsync(id, banMinutes, context.User.Identity?.Name, cancellationToken) switch
        {
            KickResult.AlreadyLeft => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown viewer", detail: $"No viewer has the id {id}; it may have left already."),
            KickResult.WouldBanYourself => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "You cannot ban yourself", detail: "The ban would lock out your own account. Kick without a ban, or let another admin decide."),
            _ => Results.NoContent(),
        };
    }
}
