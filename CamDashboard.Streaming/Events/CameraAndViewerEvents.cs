using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Hosting;

namespace CamDashboard.Streaming.Events;

/// <summary>Turns what the catalog, each camera and the viewer registry raise into
/// <see cref="LiveEvents"/>: cameras added, redefined and removed, camera states, viewers joining
/// and leaving. (Settings, kicks and bans are announced where they are decided.)</summary>
internal sealed class CameraAndViewerEvents(CameraCatalog cameras, IViewerRegistry viewers, LiveEvents events) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Camera, EventHandler> _watched = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cameras.Changed += OnCatalogChanged;
        viewers.Changed += OnViewerChanged;
        foreach (var camera in cameras.All)
        {
            Watch(camera);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cameras.Changed -= OnCatalogChanged;
        viewers.Changed -= OnViewerChanged;
        lock (_gate)
        {
            foreach (var (camera, handler) in _watched)
            {
                camera.StateChanged -= handler;
            }

            _watched.Clear();
        }

        return Task.CompletedTask;
    }

    private void OnCatalogChanged(object? sender, CameraChange change)
    {
        switch (change.Kind)
        {
            case CameraChangeKind.Added:
                Watch(change.Camera);
                break;
            case CameraChangeKind.Removed:
                lock (_gate)
                {
                    if (_watched.Remove(change.Camera, out var handler))
                    {
                        change.Camera.StateChanged -= handler;
                    }
                }

                break;
        }

        // A change that follows another node's was announced there.
        if (!change.Followed)
        {
            events.Publish(new CameraListChanged(change.Camera.Id, change.Kind));
        }
    }

    private void Watch(Camera camera)
    {
        void OnStateChanged(object? sender, EventArgs e) => events.Publish(new CameraStateChanged(camera.Id, camera.State, camera.LastError));
        lock (_gate)
        {
            if (_watched.TryAdd(camera, OnStateChanged))
            {
                camera.StateChanged += OnStateChanged;
            }
        }
    }

    private void OnViewerChanged(object? sender, ViewerChange change)
    {
        var (viewer, description) = (change.Viewer, change.Viewer.Description);
        events.Publish(change.Kind == ViewerChangeKind.Added
            ? new ViewerJoined(viewer.Id, description.CameraId, description.Kind, description.User, description.RemoteAddress)
            : new ViewerLeft(viewer.Id, description.CameraId, viewer.FramesSent));
    }
}
