namespace CamDashboard.Streaming.Cameras;

/// <summary>One entry of the <c>Cameras</c> configuration section.</summary>
public sealed class CameraOptions
{
    /// <summary>URL-safe identifier used in <c>/stream/{id}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name; defaults to the id.</summary>
    public string? Name { get; set; }

    /// <summary>A device index (<c>"0"</c>), a file path, an RTSP/HTTP URL, or <c>"testpattern"</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>JPEG quality, 1–100.</summary>
    public int Quality { get; set; } = 80;

    /// <summary>Most frames per second encoded and served, 1–60.</summary>
    public int MaxFps { get; set; } = 30;

    /// <summary>Requested frame width; 0 keeps the source's own (test pattern: 640).</summary>
    public int Width { get; set; }

    /// <summary>Requested frame height; 0 keeps the source's own (test pattern: 360).</summary>
    public int Height { get; set; }

    /// <summary>The name to show: <see cref="Name"/>, or the id when there is none.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    /// <summary>Test pattern only: add fine noise texture so frames compress like a real scene.</summary>
    public bool Texture { get; set; }
}
