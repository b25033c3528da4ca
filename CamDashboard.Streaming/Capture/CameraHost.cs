using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Capture;

/// <summary>Loads the stored cameras and saved settings, runs one capture worker per enabled
/// camera, follows the catalog as cameras are added, redefined or removed, and on shutdown
/// stops every worker and releases every source.</summary>
internal sealed class CameraHost(
    CameraCatalog cameras,
    ICameraSourceFactory sources,
    ICameraRelays relays,
    ICameraSettingsStore settings,
    ICameraStore store,
    IOptions<CameraStreamingOptions> options,
    TimeProvider time,
    ILogger<CameraHost> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);
    private readonly Dictionary<Camera, List<CaptureWorker>> _workers = [];
    // Changes are applied one at a time, in order: a redefinition stops the old worker first.
    // Not disposed: a change may still be queued behind shutdown.
    private readonly SemaphoreSlim _applying = new(1, 1);
    private bool _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        OpenCvNative.EnsureLoaded();
        foreach (var stored in await store.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            cameras.Add(stored, CameraOrigin.Dashboard);
        }

        cameras.AddBuiltInsIfEmpty();

        var saved = await settings.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var camera in cameras.All)
        {
            if (saved.TryGetValue(camera.Id, out var overrides) && overrides.IsValidFor(camera.MayDeliverJpeg))
            {
                camera.ApplySettings(overrides);
            }

            StartWorker(camera);
        }

        cameras.Changed += OnCatalogChanged;
        relays.OwnerChanged += OnOwnerChanged;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        cameras.Changed -= OnCatalogChanged;
        relays.OwnerChanged -= OnOwnerChanged;
        // Not cancellable: when the host's shutdown time ran out elsewhere first, the cameras must
        // still be released (a change being applied finishes within one StopTimeout).
        await _applying.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _stopped = true;
            // Stopping in parallel keeps shutdown within one StopTimeout however many cameras hang.
            await Task.WhenAll(_workers.Keys.ToList().Select(c => Task.Run(() => StopWorker(c), CancellationToken.None))).ConfigureAwait(false);
            foreach (var camera in cameras.All)
            {
                camera.Halt(CameraState.Stopped);
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    public void Dispose()
    {
        lock (_workers)
        {
            foreach (var worker in _workers.Values.SelectMany(w => w))
            {
                worker.Dispose();
            }
        }
    }

    private void OnCatalogChanged(object? sender, CameraChange change) => _ = ApplyAsync(change);

    // Another node captures it now, or this one does: the capture starts again from the new place.
    private void OnOwnerChanged(object? sender, string cameraId)
    {
        if (cameras.Find(cameraId) is { } camera)
        {
            _ = ApplyAsync(new CameraChange(CameraChangeKind.Redefined, camera, Followed: true));
        }
    }

    private async Task ApplyAsync(CameraChange change)
    {
        await _applying.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            // Stopping waits for the capture thread: off the caller's thread.
            await Task.Run(() => StopWorker(change.Camera)).ConfigureAwait(false);
            if (change.Kind != CameraChangeKind.Removed)
            {
                StartWorker(change.Camera);
            }
            else
            {
                change.Camera.Halt(CameraState.Stopped);
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    private void StartWorker(Camera camera)
    {
        if (!camera.Enabled)
        {
            // Viewers still connected see, once, since when it is off.
            camera.Halt(CameraState.Disabled);
            return;
        }

        // One worker per source: the main stream, and the substream when there is one.
        var node = options.Value.Node;
        List<CaptureWorker> workers = [new(camera, StreamRole.Main, sources, relays, node, options.Value.Streaming, time, logger)];
        if (camera.Substream is not null)
        {
            workers.Add(new(camera, StreamRole.Sub, sources, relays, node, options.Value.Streaming, time, logger));
        }

        lock (_workers)
        {
            _workers[camera] = workers;
        }

        workers.ForEach(w => w.Start());
    }

    private void StopWorker(Camera camera)
    {
        List<CaptureWorker>? workers;
        lock (_workers)
        {
            if (!_workers.Remove(camera, out workers))
            {
                return;
            }
        }

        // In parallel: a stream that hangs costs one StopTimeout, not one per stream.
        Parallel.ForEach(workers, w => w.Stop(StopTimeout));
    }
}
