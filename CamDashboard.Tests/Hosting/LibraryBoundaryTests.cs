using System.Net;
using System.Runtime.CompilerServices;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Hosting;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Endpoints;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CamDashboard.Tests.Hosting;

/// <summary>The host talks to the streaming library through its public surface only.</summary>
public sealed class LibraryBoundaryTests
{
    [Fact]
    public void TheLibrary_OpensItsInsidesToItsTestsOnly()
    {
        var friends = typeof(CameraCatalog).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false)
            .Cast<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);
        Assert.Equal(["CamDashboard.Tests"], friends);
    }

    [Fact]
    public void TheStores_AreTheDatabasesWhicheverWayTheyAreRegistered()
    {
        foreach (var dataFirst in new[] { true, false })
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:CamDashboard"] = $"Data Source={TestApp.NewDatabasePath()}",
            }).Build();
            var environment = new HostingEnvironment { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Testing" };
            var services = new ServiceCollection().AddLogging();
            if (dataFirst)
            {
                services.AddCamDashboardData(configuration, environment).AddCameraStreaming(configuration);
            }
            else
            {
                services.AddCameraStreaming(configuration).AddCamDashboardData(configuration, environment);
            }

            using var provider = services.BuildServiceProvider();
            Assert.IsType<EfCameraStore>(provider.GetRequiredService<ICameraStore>());
            Assert.IsType<EfCameraSettingsStore>(provider.GetRequiredService<ICameraSettingsStore>());
            Assert.IsType<EfBanStore>(provider.GetRequiredService<IBanStore>());
            // The database is ready while the host is starting, before any service (cameras, bans) starts.
            Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DatabaseInitializer));
            Assert.True(typeof(IHostedLifecycleService).IsAssignableFrom(typeof(DatabaseInitializer)));
        }
    }

    [Fact]
    public async Task PolicyNames_TheHostIsToldToUse_TakeEffect()
    {
        await using var app = new TestApp(TestApp.Pattern())
            .WithServices(s => s.Configure<CameraStreamingEndpointOptions>(o => (o.ViewerPolicy, o.AdminPolicy) = ("Watch", "Manage")));
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        using var admin = await app.Client().GetAsync("/api/viewers");
        using var viewer = await app.Client("bob", "Bob-Password-123").GetAsync("/api/viewers");
        using var watching = await app.Client("bob", "Bob-Password-123").GetAsync("/snapshot/cam");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK), (admin.StatusCode, viewer.StatusCode, watching.StatusCode));
    }

    [Fact]
    public void APolicyNobodyDefined_IsAStartUpError_NamingTheOption()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCameraStreaming(builder.Configuration);
        builder.Services.AddAuthorization();
        var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapCameraStreams());
        Assert.Contains("CameraStreamingEndpointOptions.ViewerPolicy", error.Message);
        Assert.Contains("'CameraViewer'", error.Message);
    }
}
