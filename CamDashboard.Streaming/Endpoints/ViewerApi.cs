using System.Globalization;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>/api/viewers</c>: list (a page at a time) and kick.</summary>
internal static class ViewerApi
{
    /// <summary>Viewers a page holds unless <c>pageSize</c> says otherwise, and the most it may.</summary>
    public const int DefaultPageSize = 500, MaxPageSize = 1000;

    // The body stays an array of viewers; the total and the next page are in the headers
    // (X-Total-Count, Link rel="next"), as GitHub's and many others' APIs do.
    public static IResult List(HttpContext context, IViewerRegistry viewers, IRemoteViewers remote, LiveEvents events)
    {
        if (!QueryNumber.TryRead(context, "page", 1, int.MaxValue, out var page))
        {
            return Problems.BadParameter("page", "page must be a whole number from 1.");
        }

        if (!QueryNumber.TryRead(context, "pageSize", 1, MaxPageSize, out var size))
        {
            return Problems.BadParameter("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}.");
        }

        var (number, length) = (page ?? 1, size ?? DefaultPageSize);
        var all = ClusterViewers.All(viewers, remote, events.Node);
        context.Response.Headers["X-Total-Count"] = all.Count.ToString(CultureInfo.InvariantCulture);
        if ((long)number * length < all.Count)
        {
            context.Response.Headers.Link = $"</api/viewers?page={number + 1}&pageSize={length}>; rel=\"next\"";
        }

        return Results.Ok(all.Skip((int)Math.Min(int.MaxValue, ((long)number - 1) * length)).Take(length));
    }

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
            KickResult.WouldBanANode => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A node cannot be banned", detail: "This viewer is another node relaying the camera to its own viewers; kick (it reconnects) or kick those viewers there."),
            _ => Results.NoContent(),
        };
    }
}
