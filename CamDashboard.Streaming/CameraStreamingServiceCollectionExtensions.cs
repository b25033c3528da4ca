using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Capture;
using CamDashboard.Streaming.Endpoints;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CamDashboard's streaming services.</summary>
public static class CameraStreamingServiceCollectionExtensions
{
    /// <summary>Adds cameras (from the <c>Cameras</c> list and <c>Streaming</c> section of
    /// <paramref name="configuration"/>, validated at start-up), capture, encoding, fan-out and
    /// the viewer registry, and the <see cref="LiveEvents"/> stream. Keep settings, cameras and bans by
    /// registering an <see cref="ICameraSettingsStore"/>, <see cref="ICameraStore"/>, <see cref="IBanStore"/> and <see cref="CamDashboard.Streaming.Activity.IActivityHistory"/>
    /// (before or after this call: a store registered either way wins over the in-memory default).</summary>
    public static IServiceCollection AddCameraStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CameraStreamingOptions>()
            .Configure(options => Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CameraStreamingOptions>, CameraStreamingOptionsValidator>());
        services.AddOptions<CameraStreamingEndpointOptions>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<CamDashboard.Streaming.Metrics.EncodeDurations>();
        services.TryAddSingleton<CameraCatalog>();
        services.TryAddSingleton<ICameraSourceFactory, CameraSourceFactory>();
        services.TryAddSingleton<ICameraSettingsStore, InMemoryCameraSettingsStore>();
        services.TryAddSingleton<ICameraStore, InMemoryCameraStore>();
        services.TryAddSingleton<CameraAdministration>();
        services.TryAddSingleton<CameraProbe>();
        services.TryAddSingleton<IViewerRegistry, ViewerRegistry>();
        services.TryAddSingleton<IBanStore, MemoryBanStore>();
        services.TryAddSingleton<ViewerBans>();
        services.TryAddSingleton<IViewerBans>(sp => sp.GetRequiredService<ViewerBans>());
        services.AddHostedService(sp => sp.GetRequiredService<ViewerBans>());
        services.TryAddSingleton<LiveEvents>();
        services.AddHostedService<CameraAndViewerEvents>();
        services.AddSignalR();
        services.TryAddSingleton<EventsHubConnections>();
        services.AddHostedService<EventsHubForwarder>();
        services.TryAddSingleton<IAuditTrail, NoAuditTrail>();
        services.TryAddSingleton<CameraSettingsUpdater>();
        services.TryAddSingleton<IRemoteViewers, NoRemoteViewers>();
        services.TryAddSingleton<ICameraRelays, NoCameraRelays>();
        services.TryAddSingleton<ViewerModeration>();
        services.AddHostedService<OtherNodesChanges>();
        services.TryAddScoped<FrameRetriever>();
        services.AddHostedService<CameraHost>();
        services.TryAddSingleton<CamDashboard.Streaming.Activity.IActivityHistory, CamDashboard.Streaming.Activity.InMemoryActivityHistory>();
        services.AddHostedService<CamDashboard.Streaming.Activity.ActivityMonitor>();
        services.AddHealthChecks().AddCheck<CamerasHealthCheck>("cameras");
        services.TryAddSingleton<CamDashboard.Streaming.Metrics.StreamingMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, ConnectionRequestCount>());
        return services;
    }

    // Cameras are bound one by one: the binder silently skips a list element whose value does
    // not convert, which would turn a typo into a missing camera instead of a start-up error.
    private static void Bind(IConfiguration configuration, CameraStreamingOptions options)
    {
        configuration.GetSection("Streaming").Bind(options.Streaming);
        configuration.GetSection("Sources").Bind(options.Sources);
        options.Node = configuration["Cluster:Node"] ?? "";
        foreach (var entry in configuration.GetSection("Cameras").GetChildren())
        {
            var camera = new CameraOptions();
            entry.Bind(camera);
            options.Cameras.Add(camera);
        }
    }
}
