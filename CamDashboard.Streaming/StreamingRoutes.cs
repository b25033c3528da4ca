using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming;

/// <summary>Where <c>MapCameraStreams</c> puts things: the one place the host, its pages and its
/// scripts read the routes from (relative to the app's path base).</summary>
public static class StreamingRoutes
{
    /// <summary><c>/stream/{id}</c>: MJPEG.</summary>
    public const string Stream = "/stream";

    /// <summary><c>/snapshot/{id}</c>: one JPEG.</summary>
    public const string Snapshot = "/snapshot";

    /// <summary>The JSON API (<c>/api/cameras</c>, <c>/api/viewers</c>).</summary>
    public const string Api = "/api";

    /// <summary>Liveness (and, signed in, every check).</summary>
    public const string Health = "/healthz";

    /// <summary>Readiness.</summary>
    public const string Ready = "/readyz";

    /// <summary>The dashboard's tile socket.</summary>
    public const string Tiles = "/ws/tiles";

    /// <summary>The SignalR hub of <see cref="Events.LiveEvents"/>.</summary>
    public const string Events = "/hubs/events";

    /// <summary>Whether programs, not people, call <paramref name="path"/> (streams, API, probes,
    /// sockets, the hub): they get 401 and problem details, never a sign-in page.</summary>
    public static bool IsForPrograms(PathString path) =>
        path.StartsWithSegments(Stream) || path.StartsWithSegments(Snapshot) || path.StartsWithSegments(Api)
        || path.StartsWithSegments(Health) || path.StartsWithSegments(Ready) || path.StartsWithSegments(Tiles)
        || path.StartsWithSegments(Events);
}
