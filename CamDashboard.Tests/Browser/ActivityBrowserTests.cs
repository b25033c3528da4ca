using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>Activity in Chromium: an admin switches it on and masks a cell on the camera page;
/// the grid badges the tile, puts it first, and on "only active" shows it alone while the
/// hidden tiles get no frames.</summary>
public sealed class ActivityBrowserTests
{
    [Fact]
    public async Task SwitchedOnFromTheCameraPage_TheTileIsBadged_SortedFirst_AndShownAlone()
    {
        await using var app = new TestApp(TestApp.Pattern("yard", fps: 10), TestApp.Pattern("gate", fps: 10), TestApp.Pattern("door", fps: 10, width: 640, height: 360));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras/door");
        await browser.WaitInteractiveAsync();

        await browser.Page.GetByText("Watch for activity").ClickAsync();
        await browser.Page.ClickAsync("[data-testid=edit-mask]");
        await browser.Page.ClickAsync("[aria-label='Ignore column 1, row 1']");
        var door = app.Get<CameraCatalog>().Find("door")!;
        await Eventually.True(() => door.Settings.Activity is { IgnoredCells: 1 }, "activity switched on with one cell masked");
        // The moving pattern: the page says it is active.
        await browser.Page.WaitForSelectorAsync("[data-testid=activity-now]:has-text('Active since')");
        await browser.ScreenshotAsync("activity-camera-page");

        await browser.OpenAsync("/");
        await browser.WaitInteractiveAsync();
        await browser.Page.WaitForSelectorAsync(".camera-tile.active [data-testid=tile-activity]");
        Assert.Equal(1, await browser.Page.Locator("[data-testid=tile-activity]").CountAsync());

        await browser.Page.ClickAsync("[data-testid=grid-show]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Active first')");
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('img[data-tile]').dataset.tile === 'door'");
        await browser.ScreenshotAsync("activity-grid-active-first");

        await browser.Page.ClickAsync("[data-testid=grid-show]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Only active')");
        await browser.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.camera-cell')].filter(c => c.offsetParent !== null).length === 1");
        Assert.True(await browser.Page.Locator(".camera-cell:not(.hidden) img[data-tile=door]").IsVisibleAsync());

        // The hidden tiles are paused: once the server has it so, while the door's tile gets 20 more frames, they get none.
        var registry = app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>();
        await Eventually.True(
            () => registry.Viewers.Where(v => !v.IsPaused).Select(v => v.Description.CameraId).SequenceEqual(["door"]),
            "only the door's tile receiving");
        var before = await browser.TileFramesAsync();
        await browser.Page.WaitForFunctionAsync($"() => Number(document.querySelector('img[data-tile=door]').dataset.frames) >= {before["door"] + 20}", null, new() { Timeout = 15_000 });
        var after = await browser.TileFramesAsync();
        Assert.True(after["yard"] - before["yard"] <= 1 && after["gate"] - before["gate"] <= 1, $"hidden tiles got frames: yard {before["yard"]}→{after["yard"]}, gate {before["gate"]}→{after["gate"]}");
        await browser.ScreenshotAsync("activity-grid-only-active");
    }
}
