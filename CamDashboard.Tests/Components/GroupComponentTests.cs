using Bunit;
using CamDashboard.Components.Pages.Cameras;
using CamDashboard.Components.Pages.Groups;
using CamDashboard.Groups;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CamDashboard.Tests.Components;

/// <summary>Camera groups: saved by admins on the groups page (checked and audited), picked on
/// the grid (the address says which), shown alone by a wall screen's <c>?group=</c>, and the
/// kiosk grid.</summary>
public sealed class GroupComponentTests : DashboardTestContext
{
    public GroupComponentTests()
    {
        Cameras.Add(new CameraOptions { Id = "yard", Name = "Yard", Source = CameraSourceSpec.TestPattern }, CameraOrigin.Dashboard);
        Cameras.Add(new CameraOptions { Id = "gate", Name = "Gate", Source = CameraSourceSpec.TestPattern }, CameraOrigin.Dashboard);
    }

    [Fact]
    public async Task AnAdmin_AddsAGroup_WithAnIdForItsAddress_AndIsToldWhatIsWrong()
    {
        var audit = new CountingAuditTrail();
        Services.AddSingleton<CamDashboard.Streaming.Auditing.IAuditTrail>(audit);
        var cut = RenderWith<MudPopoverProvider, GroupList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-groups]"));

        // No camera picked: said, nothing saved.
        cut.Find("input[data-testid=group-name], [data-testid=group-name] input").Input("Front yard");
        cut.Find("[data-testid=save-group]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Pick at least one camera for the group.", cut.Find("[data-testid=group-error]").TextContent));

        cut.Find("[data-camera=gate] input, input[data-camera=gate]").Change(true);
        cut.Find("[data-camera=yard] input, input[data-camera=yard]").Change(true);
        cut.Find("[data-testid=save-group]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Front yard", cut.Find("[data-testid=group-row-name]").TextContent));
        var group = Assert.Single(await Services.GetRequiredService<CameraGroups>().ListAsync(default));
        // In the catalog's order, not the order they were ticked in.
        Assert.Equal("front-yard", group.Id);
        Assert.Equal(["yard", "gate"], group.CameraIds);
        Assert.Contains("?group=front-yard", cut.Markup);
        Assert.Equal(("group saved", "Front yard (front-yard): yard, gate"), (audit.Entries.Single().Action, audit.Entries.Single().Detail));

        // The same name again: refused, saying why.
        cut.Find("input[data-testid=group-name], [data-testid=group-name] input").Input("front YARD");
        cut.Find("[data-camera=cam] input, input[data-camera=cam]").Change(true);
        cut.Find("[data-testid=save-group]").Click();
        cut.WaitForAssertion(() => Assert.Equal("A group named “front YARD” exists already.", cut.Find("[data-testid=group-error]").TextContent));
    }

    [Fact]
    public async Task ARenamedGroup_KeepsItsAddress()
    {
        var groups = Services.GetRequiredService<CameraGroups>();
        var (saved, _) = await groups.SaveAsync(null, "Garden", ["yard"], "admin", default);
        var (renamed, error) = await groups.SaveAsync(saved!.Id, "Back garden", ["yard", "gate"], "admin", default);
        Assert.Null(error);
        Assert.Equal(("garden", "Back garden"), (renamed!.Id, renamed.Name));
        // Another group of a name that makes the same id gets its own.
        Assert.Equal("garden-2", (await groups.SaveAsync(null, "Garden!", ["cam"], "admin", default)).Group!.Id);
        Assert.Equal("A group's name needs a letter or a digit.", (await groups.SaveAsync(null, "!!!", ["cam"], "admin", default)).Error);
    }

    [Fact]
    public async Task TheGrid_ShowsTheGroupOfItsAddress_AndPickingOneChangesTheAddress()
    {
        await Services.GetRequiredService<CameraGroups>().SaveAsync(null, "Outside", ["yard", "gate"], "admin", default);
        var cut = RenderGrid("?group=outside");
        cut.WaitForAssertion(() => Assert.Equal(["yard", "gate"], Tiles(cut)));
        Assert.Equal("Outside", cut.Find("h1").TextContent);

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Group").Instance.ValueChanged.InvokeAsync(""));
        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.DoesNotContain("group=", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains(JSInterop.Invocations["camdashboard.prefs.save"], i => i.Arguments.Contains("group") && i.Arguments.Contains(""));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Group").Instance.ValueChanged.InvokeAsync("outside"));
        Assert.EndsWith("?group=outside", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupThatIsGone_IsSaid_AndEveryCameraShown()
    {
        var cut = RenderGrid("?group=removed");
        cut.WaitForAssertion(() => Assert.Contains("There is no group “removed”", cut.Find("[data-testid=unknown-group]").TextContent));
        Assert.Equal(["cam", "yard", "gate"], Tiles(cut));
    }

    [Fact]
    public async Task TheKioskGrid_FitsTheScreen_CaptionsOverThePictures_NoControls_AndTilesOpenNothing()
    {
        await Services.GetRequiredService<CameraGroups>().SaveAsync(null, "Outside", ["yard", "gate"], "admin", default);
        var cut = RenderGrid("?group=outside&kiosk=1");
        cut.WaitForAssertion(() => Assert.Equal(["yard", "gate"], Tiles(cut)));
        Assert.Empty(cut.FindAll(".page-header"));
        Assert.Empty(cut.FindAll("[data-testid=grid-columns]"));
        var grid = cut.Find("[data-testid=camera-grid]");
        Assert.Superset(new HashSet<string> { "fit", "compact", "kiosk" }, grid.ClassList.ToHashSet());
        Assert.All(cut.FindAll("a.tile-frame"), a => Assert.Null(a.GetAttribute("href")));
        JSInterop.VerifyInvoke("camdashboard.fit.start");
        JSInterop.VerifyInvoke("camdashboard.kiosk");
    }

    // The query parameters come from the address, as in the app.
    private IRenderedComponent<CameraGrid> RenderGrid(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(query);
        return Render<CameraGrid>();
    }

    private static List<string?> Tiles(IRenderedComponent<CameraGrid> cut) => [.. cut.FindAll("img[data-tile]").Select(i => i.GetAttribute("data-tile"))];
}
