using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Metrics;

namespace CamDashboard.Streaming.Cameras;

/// <summary>Every camera, by id (case-insensitive): those from configuration, those added at
/// runtime, and the built-in test patterns while there is no other. Readers get an immutable
/// snapshot; changes are announced through <see cref="Changed"/>.</summary>
public sealed class CameraCatalog
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly StreamingLimits _limits;
    private readonly EncodeDurations? _encodeDurations;
    private Camera[] _all;

    /// <summary>Builds the configured cameras from validated options; their encodes are timed into <paramref name="encodeDurations"/>.</summary>
    public CameraCatalog(IOptions<CameraStreamingOptions> options, TimeProvider time, EncodeDurations? encodeDurations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _limits = options.Value.Streaming;
        _encodeDurations = encodeDurations;
        _all = [.. options.Value.Cameras.Select(o => new Camera(o, CameraOrigin.Configuration, time, _limits, encodeDurations))];
    }

    /// <summary>Raised after a camera is added, redefined or removed (on the caller's thread).</summary>
    public event EventHandler<CameraChange>? Changed;

    /// <summary>Every camera: configured ones first, in configuration order, then added ones.</summary>
    public IReadOnlyList<Camera> All => Volatile.Read(ref _all);

    /// <summary>The camera with this id, or null.</summary>
    public Camera? Find(string id) => Array.Find(Volatile.Read(ref _all), c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The camera's display name, as people call it; the id itself for a camera that is gone.</summary>
    public string NameOf(string id) => Find(id)?.Name ?? id;

    /// <summary>Adds a camera; null when the id is taken.</summary>
    internal Camera? Add(CameraOptions options, CameraOrigin origin, bool followed = false)
    {
        Camera camera;
        lock (_gate)
        {
            if (Find(options.Id) is not null)
            {
                return null;
            }

            camera = new Camera(options, origin, _time, _limits, _encodeDurations);
            Volatile.Write(ref _all, [.. _all, camera]);
        }

        Changed?.Invoke(this, new CameraChange(CameraChangeKind.Added, camera, followed));
        return camera;
    }

    /// <summary>Adds the built-in test patterns when there is no camera at all; true when it did.</summary>
    internal bool AddBuiltInsIfEmpty(bool followed = false)
    {
        if (All.Count > 0)
        {
            return false;
        }

        foreach (var builtIn in CameraStreamingOptions.BuiltInCameras())
        {
            Add(builtIn, CameraOrigin.BuiltIn, followed);
        }

        return true;
    }

    /// <summary>Gives a camera a new definition; its capture restarts on the new source.</summary>
    internal void Redefine(Camera camera, CameraOptions options, bool followed = false)
    {
        camera.Redefine(options);
        Changed?.Invoke(this, new CameraChange(CameraChangeKind.Redefined, camera, followed));
    }

    /// <summary>Removes a camera; false when it was not in the catalog.</summary>
    internal bool Remove(Camera camera, bool followed = false)
    {
        lock (_gate)
        {
            if (!_all.Contains(camera))
            {
                return false;
            }

            Volatile.Write(ref _all, [.. _all.Where(c => c != camera)]);
        }

        Changed?.Invoke(this, new CameraChange(CameraChangeKind.Removed, camera, followed));
        return true;
    }
}
