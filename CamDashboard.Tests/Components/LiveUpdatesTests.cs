using Bunit;
using CamDashboard.Components;
using CamDashboard.Components.Pages.Bans;
using CamDashboard.Components.Pages.Cameras;
using CamDashboard.Components.Pages.Viewers;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CamDashboard.Tests.Components;

/// <summary>Pages follow the app's events: a change shows at once (the fake clock standing still),
/// measured figures once a second, and a page that closes stops listening.</summary>
public sealed class LiveUpdatesTests : DashboardTestContext
{
    [Fact]
    public void TheGrid_ShowsACameraGoingDown_AtOnce()
    {
        var cut = Render<CameraGrid>();
        Assert.StartsWith("Starting", cut.Find("[data-testid=tile-overlay]").TextContent.Trim());
        var camera = Cameras.All[0];
        camera.OnSourceLost(camera.Main, CameraState.Unreachable, "It is off.");
        cut.WaitForAssertion(() => Assert.StartsWith("Unreachable since", cut.Find("[data-testid=tile-overlay]").TextContent.Trim()), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task TheCameraPage_MovesItsSliders_WhenAnotherAdminChangesTheSettings()
    {
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        Assert.Equal("80", cut.Find("[data-testid=quality-value]").TextContent);

        await Services.GetRequiredService<CameraSettingsUpdater>().ApplyAsync(Cameras.All[0], new CameraSettings(35, 12), "other-admin", CancellationToken.None);
        cut.WaitForAssertion(() => Assert.Equal("35", cut.Find("[data-testid=quality-value]").TextContent), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task TheBanList_ShowsABanSetElsewhere()
    {
        var cut = Render<BanList>();
        cut.Find("[data-testid=no-bans]");
        var viewer = Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "mallory", "10.0.0.9", "curl"));
        await Services.GetRequiredService<ViewerModeration>().KickAsync(viewer.Id, banMinutes: 10, by: "admin", CancellationToken.None);
        // Past the throttle of the viewer's own coming and going, which the page does not show.
        Time.Advance(LiveUpdates.Throttle);
        cut.WaitForAssertion(() => Assert.Contains("mallory", cut.Find("[data-testid=ban-table]").TextContent), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task APageThatCloses_StopsListening()
    {
        // The app's own listeners (the bans) are there before any page.
        _ = Services.GetRequiredService<IViewerBans>();
        var before = Events.SubscriberCount;
        var cut = RenderWith<MudDialogProvider, ViewerList>();
        Assert.True(Events.SubscriberCount > before);
        await DisposeComponentsAsync();
        Assert.Equal(before, Events.SubscriberCount);
    }
}
