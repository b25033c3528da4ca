using System.Text.Json.Serialization;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>A camera as <c>GET /api/cameras</c> shows it. The source is shown with its password
/// and tokens masked; the password itself is never shown.</summary>
public sealed record CameraInfo(
    string Id,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SourceKind>))] SourceKind SourceKind,
    string Source,
    string? Username,
    string? Transport,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraOrigin>))] CameraOrigin Origin,
    bool Enabled,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraState>))] CameraState State,
    DateTimeOffset StateSince,
    string? Error,
    string? Format,
    double Fps,
    int Width,
    int Height,
    int Quality,
    int MaxFps,
    int Viewers,
    long FramesCaptured,
    long FramesEncoded,
    long FramesPassedThrough)
{
    internal static CameraInfo From(Camera camera, int viewers) => new(
        camera.Id,
        camera.Name,
        camera.SourceKind,
        camera.Source,
        camera.Username,
        camera.Options.Transport,
        camera.Origin,
        camera.Enabled,
        camera.State,
        camera.StateSince,
        camera.LastError,
        camera.Format,
        Math.Round(camera.Fps, 1),
        camera.Width,
        camera.Height,
        camera.Settings.Quality,
        camera.Settings.MaxFps,
        viewers,
        camera.FramesCaptured,
        camera.FramesEncoded,
        camera.FramesPassedThrough);
}
