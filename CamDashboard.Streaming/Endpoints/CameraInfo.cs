using System.Text.Json.Serialization;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>A camera as <c>GET /api/cameras</c> shows it. Admins see the sources with their
/// passwords and tokens masked (the password itself is never shown); viewers and stream tokens
/// see the camera's name, state and figures, not where it is (no source, user name or error,
/// which name hosts). The top-level state, size and rates are the camera's (its main stream's);
/// <see cref="Streams"/> has each stream's. In a cluster, <see cref="Node"/> is the node that captures it.</summary>
public sealed record CameraInfo(
    string Id,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SourceKind>))] SourceKind SourceKind,
    string Source,
    string? Substream,
    string? Username,
    string? Transport,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraOrigin>))] CameraOrigin Origin,
    bool Enabled,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraState>))] CameraState State,
    DateTimeOffset StateSince,
    string? Error,
    string? Format,
    double Fps,
    double? SourceFps,
    int Width,
    int Height,
    int Quality,
    int MaxFps,
    bool AlwaysOn,
    int Viewers,
    long FramesCaptured,
    long FramesEncoded,
    long FramesPassedThrough,
    IReadOnlyList<StreamInfo> Streams,
    string Node = "",
    ActivityInfo? Activity = null)
{
    internal static CameraInfo From(Camera camera, int viewers, bool forAdmin = true, string node = "") => new(
        camera.Id,
        camera.Name,
        camera.SourceKind,
        forAdmin ? camera.Source : "",
        forAdmin ? camera.Substream?.Source : null,
        forAdmin ? camera.Username : null,
        forAdmin ? camera.Options.Transport : null,
        camera.Origin,
        camera.Enabled,
        camera.State,
        camera.StateSince,
        forAdmin ? camera.LastError : null,
        camera.Format,
        Math.Round(camera.Fps, 1),
        camera.Main.SourceFps is { } sourceFps ? Math.Round(sourceFps, 1) : null,
        camera.Width,
        camera.Height,
        camera.Settings.Quality,
        camera.Settings.MaxFps,
        camera.Options.AlwaysOn,
        viewers,
        camera.FramesCaptured,
        camera.FramesEncoded,
        camera.FramesPassedThrough,
        [StreamInfo.From(camera.Main, forAdmin), .. camera.Substream is { } sub ? [StreamInfo.From(sub, forAdmin)] : Array.Empty<StreamInfo>()],
        node,
        ActivityInfo.From(camera));
}
