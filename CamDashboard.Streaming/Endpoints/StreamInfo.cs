using System.Text.Json.Serialization;
using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>One of a camera's streams as <c>GET /api/cameras</c> shows it: where it is, what it delivers and how fast.</summary>
public sealed record StreamInfo(
    [property: JsonConverter(typeof(JsonStringEnumConverter<StreamRole>))] StreamRole Role,
    string Source,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CameraState>))] CameraState State,
    DateTimeOffset StateSince,
    string? Error,
    string? Format,
    int Width,
    int Height,
    double Fps,
    double? SourceFps)
{
    internal static StreamInfo From(StreamStatus stream, bool forAdmin) => new(
        stream.Role,
        forAdmin ? stream.Source : "",
        stream.State,
        stream.StateSince,
        forAdmin ? stream.LastError : null,
        stream.Format,
        stream.Width,
        stream.Height,
        Math.Round(stream.Fps, 1),
        stream.SourceFps is { } fps ? Math.Round(fps, 1) : null);
}
