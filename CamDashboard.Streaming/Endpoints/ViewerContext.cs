using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>What the streaming endpoints know about the viewer behind a request.</summary>
internal static class ViewerContext
{
    public static ViewerDescription Describe(HttpContext context, string cameraId, ViewerKind kind) => new(
        cameraId,
        kind,
        context.User.Identity?.Name,
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString(),
        context.TraceIdentifier);

    /// <summary>A 429 answer when this user or address (its /64 for IPv6) would hold more streams than
    /// allowed with <paramref name="adding"/> more — an MJPEG stream is one, a dashboard's tile socket
    /// one per camera; else null.</summary>
    public static IResult? OverStreamCap(HttpContext context, IViewerRegistry registry, StreamingLimits limits, int adding = 1)
    {
        if ((limits.MaxStreamsPerUser == 0 && limits.MaxStreamsPerAddress == 0) || context.User.HasClaim(c => c.Type == CameraRelay.NodeClaimType))
        {
            return null;
        }

        var user = context.User.Identity?.Name;
        var address = AddressGroup.Of(context.Connection.RemoteIpAddress?.ToString());
        var streams = registry.Viewers.Where(v => v.Description.Kind is ViewerKind.Mjpeg or ViewerKind.Dashboard && !v.IsEnded).ToList();
        var (byUser, byAddress) = (streams.Count(v => v.Description.User == user), streams.Count(v => AddressGroup.Of(v.Description.RemoteAddress) == address));
        var (what, cap) = limits.MaxStreamsPerUser > 0 && user is not null && byUser + adding > limits.MaxStreamsPerUser ? ("user", limits.MaxStreamsPerUser)
            : limits.MaxStreamsPerAddress > 0 && byAddress + adding > limits.MaxStreamsPerAddress ? ("address", limits.MaxStreamsPerAddress)
            : (null, 0);
        return what is null
            ? null
            : Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many streams",
                detail: $"This {what} may hold {cap} streams (a dashboard's tiles count one per camera; Streaming:MaxStreamsPer{(what == "user" ? "User" : "Address")}); close one first.");
    }

    /// <summary>Whether a socket's request comes from this site's own pages, or from a program (no
    /// <c>Origin</c>): browsers send cookies and cached Basic credentials with a WebSocket from any site.
    /// A <c>Host</c> without a port (a proxy's <c>proxy_set_header Host $host</c> in front of a port
    /// other than 80) is matched by its name alone: a browser always names a port it was not sent
    /// to by default, so only a proxy drops it, and the sign-in cookie (SameSite, which ignores
    /// ports) already treats every port of the name as one site.</summary>
    public static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return request.Host.Port is null
            ? string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A 403 answer when this user may not watch the camera (banned, or a token scoped to another camera); else null.</summary>
    public static IResult? Refusal(HttpContext context, Camera camera, IViewerBans bans)
    {
        if (bans.BannedUntil(context.User.Identity?.Name, context.Connection.RemoteIpAddress?.ToString()) is { } until)
        {
            // The end, for people (the dashboard shows it in the viewer's own time) and programs alike.
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Banned",
                detail: $"This viewer is banned by an administrator until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
                extensions: new Dictionary<string, object?> { ["until"] = until.ToUniversalTime() });
        }

        return CameraScope.Allows(context.User, camera.Id)
            ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this camera", detail: $"These credentials are limited to another camera than '{camera.Id}'.");
    }
}
