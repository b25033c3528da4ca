using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Capture;

/// <summary>Applies saved settings, starts one capture worker per camera, and on shutdown
/// stops them and releases every source.</summary>
internal sealed class CameraHost(
    CameraCatalog cameras,
    ICameraSourceFactory sources,
    ICameraSettingsStore settings,
    IOptions<CameraStreamingOptions> options,
    TimeProvider time,
    ILogger<CameraHost> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);
    private readonly List<CaptureWorker> _workers = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var saved = await settings.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var camera in cameras.All)
        {
            if (saved.TryGetValue(camera.Id, out var overrides) && overrides.IsValid)
            {
                camera.ApplySettings(overrides);
            }

            var worker = new CaptureWorker(camera, sources, options.Value.Streaming, time, logger);
            _workers.Add(worker);
            worker.Start();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopping in parallel keeps shutdown within one StopTimeout however many cameras hang.
        return Task.WhenAll(_workers.Select(w => Task.Run(() => w.Stop(StopTimeout), CancellationToken.None)));
    }

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }
}
