using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Cameras;

/// <summary>The configured cameras, by id (case-insensitive).</summary>
public sealed class CameraCatalog
{
    private readonly Dictionary<string, Camera> _byId;

    /// <summary>Builds the cameras from validated options.</summary>
    public CameraCatalog(IOptions<CameraStreamingOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        All = [.. options.Value.EffectiveCameras().Select(o => new Camera(o, time))];
        _byId = All.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every camera, in configuration order.</summary>
    public IReadOnlyList<Camera> All { get; }

    /// <summary>The camera with this id, or null.</summary>
    public Camera? Find(string id) => _byId.GetValueOrDefault(id);
}
