using System.Text.Json.Serialization;
using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>A camera as <c>GET /api/cameras</c> shows it.</summary>
public sealed record CameraInfo(
    string Id,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SourceKind>))] SourceKind SourceKind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraState>))] CameraState State,
    DateTimeOffset StateSince,
    double Fps,
    int Width,
    int Height,
    int Quality,
    int MaxFps,
    int Viewers,
    long FramesCaptured,
    long FramesEncoded)
{
    internal static CameraInfo From(Camera camera, int viewers) => new(
        camera.Id,
        camera.Name,
        camera.SourceKind,
        camera.State,
        camera.StateSince,
        Math.Round(camera.Fps, 1),
        camera.Width,
        camera.Height,
        camera.Settings.Quality,
        camera.Settings.MaxFps,
        viewers,
        camera.FramesCaptured,
        camera.FramesEncoded);
}
