using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>A viewer as <c>GET /api/viewers</c> shows it.</summary>
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
    bool TierIsAdaptive)
{
    internal static ViewerInfo From(Viewer viewer) => new(
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
        viewer.TierIsAdaptive);
}
