using System.Collections.Concurrent;
using CamDashboard.Streaming.Cameras;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Viewers;

/// <summary>The in-process registry. A sweep once a second disconnects viewers whose last
/// write has waited longer than <see cref="StreamingLimits.ViewerIdleTimeout"/>: clients that
/// stopped reading but left their socket open.</summary>
internal sealed class ViewerRegistry : IViewerRegistry, IDisposable
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<long, Viewer> _viewers = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly ILogger<ViewerRegistry> _logger;
    private readonly ITimer _sweep;
    private long _lastId;

    public ViewerRegistry(TimeProvider time, IOptions<CameraStreamingOptions> options, ILogger<ViewerRegistry> logger)
    {
        _time = time;
        _idleTimeout = options.Value.Streaming.ViewerIdleTimeout;
        _lastId = (long)options.Value.NodeNumber << 32;
        _logger = logger;
        _sweep = time.CreateTimer(_ => DisconnectIdle(), null, SweepPeriod, SweepPeriod);
    }

    public event EventHandler<ViewerChange>? Changed;

    public IReadOnlyList<Viewer> Viewers => [.. _viewers.Values.OrderBy(v => v.Id)];

    public Viewer? Find(long viewerId) => _viewers.GetValueOrDefault(viewerId);

    public int CountFor(string cameraId) =>
        _viewers.Values.Count(v => string.Equals(v.Description.CameraId, cameraId, StringComparison.OrdinalIgnoreCase));

    public Viewer Register(ViewerDescription description)
    {
        var viewer = new Viewer(Interlocked.Increment(ref _lastId), description, _time);
        _viewers[viewer.Id] = viewer;
        StreamingLog.ViewerConnected(_logger, viewer.Id, description.Kind.ToString(), description.CameraId, description.RemoteAddress, description.User);
        Changed?.Invoke(this, new ViewerChange(ViewerChangeKind.Added, viewer));
        return viewer;
    }

    public void Unregister(Viewer viewer)
    {
        if (_viewers.TryRemove(viewer.Id, out _))
        {
            StreamingLog.ViewerLeft(_logger, viewer.Id, viewer.FramesSent, viewer.FramesDropped);
            Changed?.Invoke(this, new ViewerChange(ViewerChangeKind.Removed, viewer));
        }
    }

    public bool Kick(long viewerId)
    {
        if (!_viewers.TryGetValue(viewerId, out var viewer))
        {
            return false;
        }

        StreamingLog.ViewerKicked(_logger, viewerId);
        viewer.End();
        return true;
    }

    public void Dispose() => _sweep.Dispose();

    private void DisconnectIdle()
    {
        foreach (var viewer in _viewers.Values)
        {
            if (!viewer.IsEnded && viewer.WriteBlockedFor() > _idleTimeout)
            {
                StreamingLog.ViewerIdle(_logger, viewer.Id, _idleTimeout);
                viewer.End();
            }
        }
    }
}
