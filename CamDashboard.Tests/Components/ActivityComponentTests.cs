using Bunit;
using CamDashboard.Components.Pages.Cameras;
using CamDashboard.Streaming.Activity;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Settings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CamDashboard.Tests.Components;

/// <summary>Activity as the pages show it: switched on and masked from the camera page, a badge on
/// a tile that sees some, the grid's "active first" and "only active", the camera page's history.</summary>
public sealed class ActivityComponentTests : DashboardTestContext
{
    [Fact]
    public async Task AnAdmin_SwitchesActivityOn_SetsItsSensitivity_AndMasksACell_InOneSavedAndAuditedChange()
    {
        var audit = new CountingAuditTrail();
        Services.AddSingleton<CamDashboard.Streaming.Auditing.IAuditTrail>(audit);
        var camera = Cameras.All[0];
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        Assert.Empty(cut.FindAll("[data-testid=sensitivity-slider]"));

        await cut.InvokeAsync(() => cut.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        // Quality, max fps, then sensitivity.
        var sensitivity = cut.FindComponents<MudSlider<int>>()[2];
        await cut.InvokeAsync(() => sensitivity.Instance.ValueChanged.InvokeAsync(80));
        cut.Find("[data-testid=edit-mask]").Click();
        var cells = cut.FindAll(".mask-cell");
        Assert.Equal(ActivitySettings.MaskCells, cells.Count);
        cut.FindAll(".mask-cell")[17].Click();
        Assert.Equal("true", cut.FindAll(".mask-cell")[17].GetAttribute("aria-pressed"));
        Assert.Equal("1 of 144 cells ignored", cut.Find("[data-testid=mask-summary]").TextContent);
        Assert.Null(camera.Settings.Activity);

        Time.Advance(CameraPage.SaveAfter);
        cut.WaitForAssertion(() => Assert.NotNull(camera.Settings.Activity));
        Assert.Equal(80, camera.Settings.Activity!.Sensitivity);
        // Cell 17: column 2 of row 2.
        Assert.True(camera.Settings.Activity.Ignores(1, 1));
        Assert.Equal(1, camera.Settings.Activity.IgnoredCells);
        Assert.Equal("Front door (cam): quality 80, max 30 fps, activity watched at sensitivity 80, 1 of 144 mask cells ignored", Assert.Single(audit.Entries).Detail);
        Assert.Equal(camera.Settings, (await Store.LoadAsync(default))["cam"]);

        await cut.InvokeAsync(() => cut.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(false));
        Time.Advance(CameraPage.SaveAfter);
        cut.WaitForAssertion(() => Assert.Null(camera.Settings.Activity));
        Assert.EndsWith("max 30 fps, activity not watched", audit.Entries.Last().Detail);
        Assert.Empty(cut.FindAll("[data-testid=mask-grid]"));
    }

    [Fact]
    public void ATile_ShowsTheBadge_OnlyWhileItsLiveCameraSeesActivity()
    {
        var camera = Cameras.All[0];
        camera.ApplySettings(camera.Settings with { Activity = new ActivitySettings() });
        Live(camera);
        var tile = Render<CameraTile>(p => p.Add(c => c.Camera, camera));
        Assert.Empty(tile.FindAll("[data-testid=tile-activity]"));

        camera.SetActivity(new ActivityStatus(true, 4.2, 4.2, Time.GetUtcNow()));
        tile.Render();
        Assert.Equal("Activity", tile.Find("[data-testid=tile-activity]").TextContent);
        Assert.Contains("active", tile.Find("[data-testid=camera-tile]").ClassList);

        camera.OnSourceLost(camera.Main, CameraState.Unreachable, "gone");
        tile.Render();
        Assert.Empty(tile.FindAll("[data-testid=tile-activity]"));
    }

    [Fact]
    public async Task TheGrid_PutsActiveCamerasFirst_OrShowsOnlyThem_AndSaysSoWhenNoneIs()
    {
        var yard = Cameras.Add(new CameraOptions { Id = "yard", Source = CameraSourceSpec.TestPattern }, CameraOrigin.Dashboard)!;
        var gate = Cameras.Add(new CameraOptions { Id = "gate", Source = CameraSourceSpec.TestPattern }, CameraOrigin.Dashboard)!;
        foreach (var camera in Cameras.All)
        {
            camera.ApplySettings(camera.Settings with { Activity = new ActivitySettings() });
            Live(camera);
        }

        var cut = Render<CameraGrid>();
        Assert.Equal(["cam", "yard", "gate"], Order(cut));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Show").Instance.ValueChanged.InvokeAsync("active"));
        Assert.Equal(3, cut.FindAll(".camera-cell.hidden").Count);
        Assert.Contains("No camera sees activity now (3 of 3 watch for it)", cut.Find("[data-testid=none-active]").TextContent);
        Assert.Contains(JSInterop.Invocations["camdashboard.prefs.save"], i => i.Arguments.Contains("show") && i.Arguments.Contains("active"));

        // The gate starts seeing activity: the event brings it to the front, alone on show.
        gate.SetActivity(new ActivityStatus(true, 3, 3, Time.GetUtcNow()));
        Events.Publish(new CameraActivityChanged("gate", true, 3, 3, Time.GetUtcNow()));
        Time.Advance(CamDashboard.Components.LiveUpdates.Throttle);
        cut.WaitForAssertion(() => Assert.Equal(["gate", "cam", "yard"], Order(cut)));
        Assert.Equal(["cam", "yard"], cut.FindAll(".camera-cell.hidden img[data-tile]").Select(i => i.GetAttribute("data-tile")));
        Assert.Empty(cut.FindAll("[data-testid=none-active]"));

        // Active first: all are there, the ones with activity ahead, the latest to start first.
        Time.Advance(TimeSpan.FromSeconds(5));
        yard.SetActivity(new ActivityStatus(true, 3, 3, Time.GetUtcNow()));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Show").Instance.ValueChanged.InvokeAsync("active-first"));
        Assert.Equal(["yard", "gate", "cam"], Order(cut));
        Assert.Empty(cut.FindAll(".camera-cell.hidden"));

        // The focus layout follows: the camera where activity started last is the large one, whatever was picked.
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Columns").Instance.ValueChanged.InvokeAsync("focus"));
        Assert.Equal("yard", Order(cut)[0]);
        await cut.InvokeAsync(() => cut.FindAll("a.tile-frame")[2].Click());
        Assert.Equal("yard", Order(cut)[0]);
        yard.SetActivity(ActivityStatus.Quiet);
        gate.SetActivity(ActivityStatus.Quiet);
        cut.Render();
        Assert.Equal("cam", Order(cut)[0]);
    }

    [Fact]
    public async Task OnlyActive_ChosenBefore_HidesNothing_OnceNoCameraWatchesForActivity()
    {
        var camera = Cameras.All[0];
        camera.ApplySettings(camera.Settings with { Activity = new ActivitySettings() });
        Live(camera);
        var cut = Render<CameraGrid>();
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Show").Instance.ValueChanged.InvokeAsync("active"));
        Assert.Single(cut.FindAll(".camera-cell.hidden"));

        // Switched off everywhere: the Show choice goes, and with it what it hid.
        camera.ApplySettings(camera.Settings with { Activity = null });
        cut.Render();
        Assert.Empty(cut.FindAll("[data-testid=grid-show]"));
        Assert.Empty(cut.FindAll(".camera-cell.hidden"));
        Assert.Empty(cut.FindAll("[data-testid=none-active]"));
    }

    [Fact]
    public async Task TheCameraPage_ListsTheLast24HoursOfActivity_AndReadsItAgainWhenAPeriodEnds()
    {
        var camera = Cameras.All[0];
        camera.ApplySettings(camera.Settings with { Activity = new ActivitySettings() });
        Live(camera);
        var now = Time.GetUtcNow();
        await History.RecordAsync(new ActivityPeriod("cam", now.AddMinutes(-10), now.AddMinutes(-10).AddSeconds(42), 7.25), default);
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        var item = Assert.Single(cut.FindAll("[data-testid=activity-history] li"));
        Assert.Contains("42 s · peak 7.3 %", item.TextContent);
        Assert.StartsWith("Quiet", cut.Find("[data-testid=activity-now]").TextContent);

        await History.RecordAsync(new ActivityPeriod("cam", now.AddMinutes(-1), now.AddSeconds(-30), 2), default);
        camera.SetActivity(new ActivityStatus(false, 0, 2, now.AddMinutes(-1)));
        Events.Publish(new CameraActivityChanged("cam", false, 0, 2, now.AddMinutes(-1)));
        Time.Advance(CamDashboard.Components.LiveUpdates.Throttle);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=activity-history] li").Count));
        // Newest first.
        Assert.Contains("peak 2 %", cut.FindAll("[data-testid=activity-history] li")[0].TextContent);

        // The next camera's page (← →) lists its own.
        var yard = Cameras.Add(new CameraOptions { Id = "yard", Source = CameraSourceSpec.TestPattern }, CameraOrigin.Dashboard)!;
        yard.ApplySettings(yard.Settings with { Activity = new ActivitySettings() });
        await History.RecordAsync(new ActivityPeriod("yard", now.AddMinutes(-3), now.AddMinutes(-2), 9), default);
        cut.Render(p => p.Add(c => c.CameraId, "yard"));
        Assert.Contains("peak 9 %", Assert.Single(cut.FindAll("[data-testid=activity-history] li")).TextContent);
    }

    [Fact]
    public void AViewer_SeesTheActivity_ButNoControls()
    {
        Auth.SetRoles("Viewer");
        var camera = Cameras.All[0];
        camera.ApplySettings(camera.Settings with { Activity = new ActivitySettings() });
        Live(camera);
        camera.SetActivity(new ActivityStatus(true, 5, 5, Time.GetUtcNow()));
        var cut = Render<CameraPage>(p => p.Add(c => c.CameraId, "cam"));
        Assert.StartsWith("Active since", cut.Find("[data-testid=activity-now]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=activity-switch]"));
        Assert.Empty(cut.FindAll("[data-testid=edit-mask]"));
    }

    private static List<string?> Order(IRenderedComponent<CameraGrid> cut) => [.. cut.FindAll("img[data-tile]").Select(i => i.GetAttribute("data-tile"))];

    private static void Live(Camera camera)
    {
        using var frame = new CamDashboard.Streaming.Sources.SourceFrame();
        frame.PixelBuffer.Create(90, 160, OpenCvSharp.MatType.CV_8UC3);
        frame.CommitPixels();
        camera.Main.OnOpened("test pattern, 160×90", null);
        camera.OnFrameCaptured(camera.Main, frame);
    }
}
