namespace CamDashboard.Streaming.Cameras;

/// <summary>Which of a camera's sources a stream is.</summary>
public enum StreamRole
{
    /// <summary>The camera's main source: the full tier, passthrough and the camera page.</summary>
    Main,

    /// <summary>The camera's small second stream (<c>Substream</c>): tiles, the low and small tiers.</summary>
    Sub,
}
