using Bunit;
using CamDashboard.Components;
using CamDashboard.Components.Layout;
using CamDashboard.Components.Pages.Cameras;
using CamDashboard.Components.Pages.Viewers;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using CamDashboard.Streaming.Frames;

namespace CamDashboard.Tests.Components;

public sealed class ComponentTests : DashboardTestContext
{
    [Theory]
    [InlineData(CameraState.Live, "live")]
    [InlineData(CameraState.Reconnecting, "reconnecting")]
    [InlineData(CameraState.Stopped, "offline")]
    public void StateChip_NamesTheState(CameraState state, string text)
    {
        var cut = Render<StateChip>(p => p.Add(c => c.State, state));
        Assert.Equal(text, cut.Find("[data-testid=state-chip]").TextContent.Trim());
    }

    [Fact]
    public void CameraTile_ShowsNameViewers_AndAnOverlayWhileReconnecting()
    {
        var camera = Cameras.All[0];
        var cut = Render<CameraTile>(p => p.Add(c => c.Camera, camera).Add(c => c.ViewerCount, 3));
        Assert.Equal("Front door", cut.Find("[data-testid=tile-name]").TextContent);
        Assert.Contains("3 viewers", cut.Find("[data-testid=tile-stats]").TextContent);
        Assert.Equal("Starting…", cut.Find(".tile-overlay").TextContent);

        camera.OnSourceLost(camera.Main, CameraState.Reconnecting);
        cut.Render();
        // One state, said once: the overlay and the chip agree, and nothing else repeats it.
        Assert.Equal($"Reconnecting since {camera.StateSince.ToLocalTime():HH:mm:ss}", cut.Find(".tile-overlay").TextContent);
        Assert.Equal("reconnecting", cut.Find("[data-testid=state-chip]").TextContent.Trim());
        Assert.DoesNotContain("since", cut.Find("[data-testid=tile-stats]").TextContent);
    }

    [Fact]
    public void ViewerList_ShowsRowsAsViewersComeAndGo_ByEventsNotPolling()
    {
        var cut = Render<ViewerList>();
        cut.Find("[data-testid=no-viewers]");

        // The fake clock stands still: the row comes from the event, not from a timer.
        var viewer = Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "alice", "10.0.0.7", "VLC/3.0"));
        viewer.Tier = CamDashboard.Streaming.Frames.FrameTier.Small;
        viewer.TierIsAdaptive = true;
        cut.WaitForAssertion(() => Assert.Contains("alice", cut.Find("[data-testid=viewer-table]").TextContent), TimeSpan.FromSeconds(3));
        // Its tier is a figure (it changes with the link), drawn with the others once a second.
        Time.Advance(LiveUpdates.FiguresPeriod);
        cut.WaitForAssertion(() => Assert.Equal("small (auto)", cut.Find("[data-testid=tier]").TextContent), TimeSpan.FromSeconds(3));
        Assert.Contains("MJPEG client", cut.Markup);
        Assert.Contains("VLC/3.0", cut.Markup);
        // The camera as people call it, not its id.
        Assert.Contains("Front door", cut.Find("[data-testid=viewer-table] td[data-label=Camera]").TextContent);

        // A second change within the throttle is drawn at its end, not at once.
        Registry.Unregister(viewer);
        Assert.Contains("alice", cut.Find("[data-testid=viewer-table]").TextContent);
        Time.Advance(LiveUpdates.Throttle);
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-viewers]"), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void ViewerList_KickAndBan_AfterConfirmation_EndsTheViewerAndBansItsUser()
    {
        var viewer = Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "mallory", "10.0.0.9", "curl"));
        var cut = RenderWith<MudDialogProvider, ViewerList>();

        cut.Find("[data-testid=kick-ban]").Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("End mallory's curl stream to Front door and ban mallory for 10 minutes?", dialog.TextContent);
        dialog.QuerySelectorAll("button").First(b => b.TextContent.Contains("Disconnect")).Click();

        cut.WaitForAssertion(() => Assert.True(viewer.IsEnded), TimeSpan.FromSeconds(10));
        Assert.True(Services.GetRequiredService<IViewerBans>().IsBanned("mallory", "10.0.0.9"));
    }

    [Fact]
    public void ViewerList_ShowsADashboardsTilesAsOneSession_AndKicksThemTogether()
    {
        var tiles = new[] { "cam", "yard", "gate" }
            .Select(id => Registry.Register(new ViewerDescription(id, ViewerKind.Dashboard, "carol", "10.0.0.5", "Chromium", Session: "tab-1")))
            .ToList();
        var vlc = Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "carol", "10.0.0.5", "VLC", Session: "req-2"));
        var cut = RenderWith<MudDialogProvider, ViewerList>();

        var rows = cut.FindAll("[data-testid=viewer-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("3 cameras", cut.Find("[data-testid=expand-session]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=session-camera]"));
        cut.Find("[data-testid=expand-session]").Click();
        Assert.Equal(["Front door", "yard", "gate"], cut.FindAll("[data-testid=session-camera] td[data-label=Camera]").Select(td => td.TextContent.Trim()));

        cut.FindAll("[data-testid=kick]")[0].Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("End carol's dashboard session (3 cameras)?", dialog.TextContent);
        dialog.QuerySelectorAll("button").First(b => b.TextContent.Contains("Disconnect")).Click();

        cut.WaitForAssertion(() => Assert.All(tiles, t => Assert.True(t.IsEnded)), TimeSpan.FromSeconds(10));
        Assert.False(vlc.IsEnded);
    }

    [Fact]
    public void ViewerList_AKickAsksWithoutAStraySpace()
    {
        Registry.Register(new ViewerDescription("door", ViewerKind.Mjpeg, "bob", "10.0.0.8", "VLC"));
        var cut = RenderWith<MudDialogProvider, ViewerList>();

        cut.Find("[data-testid=kick]").Click();
        Assert.Contains("End bob's VLC stream to door?", cut.WaitForElement(".mud-dialog").TextContent);
    }

    [Fact]
    public void ViewerList_OffersNoBan_OnTheAdminsOwnConnections()
    {
        Registry.Register(new ViewerDescription("cam", ViewerKind.Dashboard, "admin", "10.0.0.1", "Chromium"));
        Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "bob", "10.0.0.8", "VLC"));
        var cut = Render<ViewerList>();

        // Two rows can be kicked; only bob's can also be banned.
        Assert.Equal(2, cut.FindAll("[data-testid=kick]").Count);
        Assert.Single(cut.FindAll("[data-testid=kick-ban]"));
    }

    [Fact]
    public void ViewerList_Cancel_KeepsTheViewer()
    {
        var viewer = Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "bob", "10.0.0.8", "VLC"));
        var cut = RenderWith<MudDialogProvider, ViewerList>();

        cut.Find("[data-testid=kick]").Click();
        cut.WaitForElement(".mud-dialog").QuerySelectorAll("button").First(b => b.TextContent.Contains("Cancel")).Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")), TimeSpan.FromSeconds(10));
        Assert.False(viewer.IsEnded);
    }

    [Fact]
    public void TheLayout_GivesAViewerNoMenu_OnlyTheTitleHome()
    {
        Auth.SetRoles("Viewer");
        var viewer = RenderLayout();
        // A sidebar holding one link, and a button to open it, were all a viewer had of the menu.
        Assert.Empty(viewer.FindAll(".mud-drawer"));
        Assert.Empty(viewer.FindAll("button[aria-label=Menu]"));
        Assert.Equal("", viewer.Find("[data-testid=app-home]").GetAttribute("href"));
    }

    [Fact]
    public void TheLayout_GivesAnAdminTheMenu()
    {
        var admin = RenderLayout();
        Assert.Single(admin.FindAll("button[aria-label=Menu]"));
        Assert.Contains("Stream tokens", admin.Find(".mud-drawer").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<MainLayout> RenderLayout()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Render<MainLayout>(p => p.Add(l => l.Body, builder => builder.AddContent(0, "page")));
    }

    [Fact]
    public void NavMenu_ShowsAdminPages_ToAdmins()
    {
        var cut = Render<NavMenu>();
        Assert.Contains("Viewers", cut.Markup);
        Assert.Contains("Stream tokens", cut.Markup);
        Assert.Contains("Audit log", cut.Markup);
    }

    [Fact]
    public async Task CameraPage_QualitySlider_ReachesTheSettingsStore()
    {
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        var quality = cut.FindComponents<MudSlider<int>>()[0];
        await cut.InvokeAsync(() => quality.Instance.ValueChanged.InvokeAsync(25));
        Time.Advance(CameraPage.SaveAfter);
        cut.WaitForAssertion(() => Assert.Equal(25, Cameras.All[0].Settings.Quality));

        var saved = await Store.LoadAsync(default);
        Assert.Equal(25, saved["cam"].Quality);
        Assert.Equal(25, Cameras.All[0].Settings.Quality);
        Assert.StartsWith("Test pattern", cut.Find("[data-testid=camera-source]").TextContent);
        Assert.Equal("25", cut.Find("[data-testid=quality-value]").TextContent);
    }

    [Fact]
    public async Task CameraPage_SliderSteps_AreSavedOnce_WhenTheValueRests()
    {
        var audit = new CountingAuditTrail();
        Services.AddSingleton<CamDashboard.Streaming.Auditing.IAuditTrail>(audit);
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        var quality = cut.FindComponents<MudSlider<int>>()[0];

        // Five arrow-key steps, 100 ms apart: the value follows each at once...
        foreach (var value in new[] { 79, 78, 77, 76, 75 })
        {
            await cut.InvokeAsync(() => quality.Instance.ValueChanged.InvokeAsync(value));
            Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=quality-value]").TextContent);
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(80, Cameras.All[0].Settings.Quality);
        Assert.Empty(audit.Entries);

        // ...and the change is saved, audited and announced once, when it rests.
        Time.Advance(CameraPage.SaveAfter);
        cut.WaitForAssertion(() => Assert.Single(audit.Entries));
        Assert.Equal("Front door (cam): quality 75, max 30 fps", Assert.Single(audit.Entries).Detail);
        Assert.Equal(75, Cameras.All[0].Settings.Quality);
        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);

        // The number box is the same setting.
        await cut.InvokeAsync(() => cut.FindComponent<MudNumericField<int>>().Instance.ValueChanged.InvokeAsync(42));
        Time.Advance(CameraPage.SaveAfter);
        cut.WaitForAssertion(() => Assert.Equal(42, Cameras.All[0].Settings.Quality));
        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }

    [Fact]
    public async Task CameraPage_FrameSize_FollowsTheSlider_AsSoonAsAFrameAtTheNewQualityIsOut()
    {
        var camera = Cameras.All[0];
        using var watching = ((CamDashboard.Streaming.FanOut.IFrameFeed)camera).Watch(CamDashboard.Streaming.Frames.FrameTier.Full, null);
        using var frame = new SourceFrame();
        frame.PixelBuffer.Create(90, 160, OpenCvSharp.MatType.CV_8UC3);
        OpenCvSharp.Cv2.Randu(frame.PixelBuffer, OpenCvSharp.Scalar.All(0), OpenCvSharp.Scalar.All(255));
        frame.CommitPixels();
        camera.Main.OnOpened("test pattern, 160×90", null);
        camera.OnFrameCaptured(camera.Main, frame);
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        Assert.EndsWith("at quality 80", cut.Find("[data-testid=frame-size]").TextContent);

        var quality = cut.FindComponents<MudSlider<int>>()[0];
        await cut.InvokeAsync(() => quality.Instance.ValueChanged.InvokeAsync(20));
        Time.Advance(CameraPage.SaveAfter);
        cut.WaitForAssertion(() => Assert.Equal(20, camera.Settings.Quality));

        // The first frame at the new quality shows within a moment, not at the next second's figures.
        camera.OnFrameCaptured(camera.Main, frame);
        Time.Advance(TimeSpan.FromMilliseconds(200));
        cut.WaitForAssertion(() => Assert.EndsWith("at quality 20", cut.Find("[data-testid=frame-size]").TextContent));
    }

    [Fact]
    public void CameraPage_HidesSettings_FromViewers()
    {
        Auth.SetRoles("Viewer");
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        cut.Find(".live-frame");
        Assert.Empty(cut.FindComponents<MudSlider<int>>());
    }

    [Fact]
    public void CameraPage_ForAnUnknownCamera_SaysSo()
    {
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "nope"));
        Assert.Contains("No camera has the id", cut.Markup);
    }

    [Fact]
    public void CameraPage_ShowsBothStreams_AndSaysWhenTilesComeFromTheMainStream()
    {
        var camera = Cameras.Add(new CameraOptions { Id = "yard", Source = "rtsp://cam.local/main", Substream = "rtsp://cam.local/sub" }, CameraOrigin.Dashboard)!;
        using var frame = new SourceFrame();
        frame.PixelBuffer.Create(90, 160, OpenCvSharp.MatType.CV_8UC3);
        frame.CommitPixels();
        camera.Main.OnOpened("H.264 over RTSP, 160×90, 25 fps", 25);
        camera.OnFrameCaptured(camera.Main, frame);
        camera.Substream!.OnOpened("H.264 over RTSP, 160×90, 10 fps", 10);
        camera.OnFrameCaptured(camera.Substream, frame);

        // Tiles come from the substream while the main stream stands by: the tile says their rate.
        camera.Main.OnIdle();
        for (var i = 0; i < 10; i++)
        {
            camera.OnFrameCaptured(camera.Substream, frame);
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        var tile = Render<CameraTile>(p => p.Add(c => c.Camera, camera));
        // Eleven substream frames in the second: its first, and ten more.
        Assert.StartsWith("11 fps", tile.Find("[data-testid=tile-stats]").TextContent.Trim());
        camera.Substream.OnIdle();

        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "yard"));
        Assert.Equal("H.264 over RTSP, 160×90, 10 fps · standby", cut.Find("[data-testid=substream]").TextContent.Trim());
        camera.OnFrameCaptured(camera.Main, frame);
        // Beside the max-fps slider: what the source itself delivers, and what is captured of it.
        Assert.Contains("The source delivers 25 fps", cut.Find("[data-testid=source-fps]").TextContent);

        camera.OnSourceLost(camera.Substream, CameraState.Unreachable, "cam.local refused the connection.");
        cut.Render();
        Assert.Contains("unreachable: cam.local refused the connection. — tiles come from the main stream", cut.Find("[data-testid=substream]").TextContent);
    }
}
