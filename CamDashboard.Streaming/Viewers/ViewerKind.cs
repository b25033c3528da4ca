using System.Text.Json.Serialization;

namespace CamDashboard.Streaming.Viewers;

/// <summary>How a viewer receives frames.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ViewerKind>))]
public enum ViewerKind
{
    /// <summary>A <c>/stream</c> MJPEG client (VLC, ffmpeg, a browser tab, Home Assistant).</summary>
    [JsonStringEnumMemberName("mjpeg")]
    Mjpeg,

    /// <summary>A <c>/snapshot</c> request, registered while it waits for its frame.</summary>
    [JsonStringEnumMemberName("snapshot")]
    Snapshot,

    /// <summary>A dashboard picture: a grid tile or the camera page, over the tile socket.</summary>
    [JsonStringEnumMemberName("dashboard")]
    Dashboard,

    /// <summary>Another node of the cluster relaying this node's camera to its own viewers.</summary>
    [JsonStringEnumMemberName("relay")]
    Relay,
}
