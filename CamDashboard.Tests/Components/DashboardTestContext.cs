using Bunit;
using Bunit.TestDoubles;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Components;

/// <summary>The one place component tests get MudBlazor, loose JS interop, a signed-in user,
/// and the streaming services the pages use (in-memory, no cameras running).</summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Auth = AddAuthorization();
        Auth.SetAuthorized("admin");
        Auth.SetRoles("Admin");

        var options = Options.Create(new CameraStreamingOptions());
        options.Value.Cameras.Add(new CameraOptions { Id = "cam", Name = "Front door", Source = CameraSourceSpec.TestPattern });
        Cameras = new CameraCatalog(options, Time);
        Registry = new ViewerRegistry(Time, options, NullLogger<ViewerRegistry>.Instance);
        Events = new LiveEvents(Time, options, NullLogger<LiveEvents>.Instance);
        // The pages hear of changes as the app does: from the cameras and registry, through the events.
        _eventSources = new CameraAndViewerEvents(Cameras, Registry, Events);
        _eventSources.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Cameras);
        Services.AddSingleton(Events);
        Services.AddSingleton<IViewerRegistry>(Registry);
        Services.AddSingleton<IBanStore, MemoryBanStore>();
        Services.AddSingleton<IViewerBans, ViewerBans>();
        Services.AddSingleton<IAuditTrail, NoAuditTrail>();
        Services.AddSingleton<ICameraSettingsStore>(Store);
        Services.AddSingleton<CamDashboard.Streaming.Activity.IActivityHistory>(History);
        Services.AddSingleton<CamDashboard.Groups.ICameraGroupStore>(GroupStore);
        Services.AddSingleton<CamDashboard.Groups.CameraGroups>();
        Services.AddSingleton<CameraSettingsUpdater>();
        Services.AddSingleton<IRemoteViewers, NoRemoteViewers>();
        Services.AddSingleton<ViewerModeration>();
        Services.AddSingleton<ICameraStore, InMemoryCameraStore>();
        Services.AddSingleton<ICameraSourceFactory>(new CameraSourceFactory(TimeProvider.System, NullLogger<FfmpegSource>.Instance, Options.Create(new CameraStreamingOptions())));
        Services.AddSingleton<CameraProbe>();
        Services.AddSingleton<CameraAdministration>();
        Services.AddSingleton<CamDashboard.Data.StorageHealth>();
        Services.AddScoped<CamDashboard.Components.PageChanges>();
        Services.AddLogging();
    }

    private readonly CameraAndViewerEvents _eventSources;

    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected LiveEvents Events { get; }

    protected BunitAuthorizationContext Auth { get; }

    protected CameraCatalog Cameras { get; }

    internal ViewerRegistry Registry { get; }

    internal InMemoryCameraSettingsStore Store { get; } = new();

    internal MemoryCameraGroupStore GroupStore { get; } = new();

    internal CamDashboard.Streaming.Activity.InMemoryActivityHistory History => _history ??= new(Time);

    private CamDashboard.Streaming.Activity.InMemoryActivityHistory? _history;

    /// <summary>Renders <typeparamref name="TPage"/> beside MudBlazor's <typeparamref name="TProvider"/>
    /// (dialogs, popovers), as the app's layout does.</summary>
    protected IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderWith<TProvider, TPage>()
        where TProvider : Microsoft.AspNetCore.Components.IComponent
        where TPage : Microsoft.AspNetCore.Components.IComponent => Render(builder =>
        {
            builder.OpenComponent<TProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(1);
            builder.CloseComponent();
        });

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable; xunit 2 would dispose synchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await _eventSources.StopAsync(CancellationToken.None);
        Registry.Dispose();
        await DisposeAsync();
        CleanUp();
    }

    /// <summary>Runs after the context and its services are disposed.</summary>
    protected virtual void CleanUp()
    {
    }
}
