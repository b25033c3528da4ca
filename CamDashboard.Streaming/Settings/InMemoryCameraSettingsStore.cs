using System.Collections.Concurrent;

namespace CamDashboard.Streaming.Settings;

/// <summary>The default store when the host provides none: overrides last until restart.</summary>
internal sealed class InMemoryCameraSettingsStore : ICameraSettingsStore
{
    private readonly ConcurrentDictionary<string, CameraSettings> _settings = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyDictionary<string, CameraSettings>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, CameraSettings>>(new Dictionary<string, CameraSettings>(_settings));

    public Task SaveAsync(string cameraId, CameraSettings settings, CancellationToken cancellationToken)
    {
        _settings[cameraId] = settings;
        return Task.CompletedTask;
    }
}
