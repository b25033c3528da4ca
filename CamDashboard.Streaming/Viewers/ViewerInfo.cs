using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.Viewers;

/// <summary>A viewer as <c>GET /api/viewers</c> shows it, and as a node of a cluster tells the
/// others (<see cref="Node"/>: where it is connected; empty on a single node). Viewers of one
/// connection (a dashboard's tile socket) share a <see cref="Session"/>.</summary>
public sealed record ViewerInfo(
    long Id,
    string CameraId,
    ViewerKind Kind,
    string? User,
    string? RemoteAddress,
    string? UserAgent,
    DateTimeOffset ConnectedAt,
    long FramesSent,
    long BytesSent,
    long FramesDropped,
    double Fps,
    string Tier,
    bool TierIsAdaptive,
    string Node = "",
    string? Session = null,
    bool Paused = false)
{
    /// <summary>The viewer as <paramref name="node"/> shows it now.</summary>
    public static ViewerInfo From(Viewer viewer, string node)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return new(
        viewer.Id,
        viewer.Description.CameraId,
        viewer.Description.Kind,
        viewer.Description.User,
        viewer.Description.RemoteAddress,
        viewer.Description.UserAgent,
        viewer.ConnectedAt,
        viewer.FramesSent,
        viewer.BytesSent,
        viewer.FramesDropped,
        Math.Round(viewer.Fps, 1),
        FrameTiers.Name(viewer.Tier),
        viewer.TierIsAdaptive,
        node,
        viewer.Description.Session,
        viewer.IsPaused);
    }
}
