using System.Collections.Concurrent;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Management;

/// <summary>The default store when the host provides none: added cameras last until restart.</summary>
internal sealed class InMemoryCameraStore : ICameraStore
{
    private readonly ConcurrentDictionary<string, CameraOptions> _cameras = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<CameraOptions>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CameraOptions>>([.. _cameras.Values.Select(c => c.Clone())]);

    public Task SaveAsync(CameraOptions camera, CancellationToken cancellationToken)
    {
        _cameras[camera.Id] = camera.Clone();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string cameraId, CancellationToken cancellationToken)
    {
        _cameras.TryRemove(cameraId, out _);
        return Task.CompletedTask;
    }
}
