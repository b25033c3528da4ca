using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>/hubs/events</c>: <see cref="Events.LiveEvents"/> for programs, over SignalR. A
/// client only listens: each event arrives as a call of the method its type names
/// (<c>cameraState</c>, <c>viewerJoined</c>, …). Admins get every event; anyone else who may watch
/// gets the state of the cameras they may see, without errors (which can name a camera's host).
/// Another site's page is refused (a browser would lend it this site's credentials), a banned
/// user or address too, and a connection ends when its user is removed or
/// changed, its token revoked, or it is banned.</summary>
internal sealed class EventsHub(IViewerBans bans, IAuthorizationService authorization, IOptions<CameraStreamingEndpointOptions> policies, EventsHubConnections connections) : Hub
{
    /// <summary>The group of admins' connections: every event.</summary>
    public const string Admins = "admins";

    /// <summary>The group of those who may watch every camera: camera states.</summary>
    public const string Watchers = "watchers";

    /// <summary>The group of those limited to one camera (a scoped token): its state.</summary>
    public static string CameraGroup(string cameraId) => "camera:" + cameraId.ToLowerInvariant();

    public override async Task OnConnectedAsync()
    {
        var user = Context.User ?? new();
        var request = Context.GetHttpContext()?.Request;
        if (request is not null && !ViewerContext.SameOrigin(request))
        {
            throw new HubException("Events are served to this site's own pages and to programs only.");
        }

        var address = request?.HttpContext.Connection.RemoteIpAddress?.ToString();
        if (bans.IsBanned(user.Identity?.Name, address))
        {
            throw new HubException("This viewer is banned for a while.");
        }

        var admin = (await authorization.AuthorizeAsync(user, policies.Value.AdminPolicy)).Succeeded;
        var scope = user.FindFirst(CameraScope.ClaimType)?.Value;
        var group = admin ? Admins : scope is null ? Watchers : CameraGroup(scope);
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        connections.Add(Context, user.Identity?.Name, address);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
