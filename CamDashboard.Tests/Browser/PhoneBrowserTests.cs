using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>Every page on a 390 px phone: nothing scrolls sideways, the app bar's actions stay
/// on screen, and a whole session of normal use logs no error, on the server or in the browser.</summary>
public sealed class PhoneBrowserTests
{
    private static readonly string[] Pages = ["/", "/cameras/door", "/viewers", "/users", "/tokens", "/audit", "/bans", "/cameras"];

    // Rendered on the server only: no circuit to wait for.
    private static readonly string[] StaticPages = ["/status/404", "/account/denied"];

    [Fact]
    public async Task EveryPage_FitsA390PixelScreen_AndTheSessionLogsNoError()
    {
        var door = TestApp.Pattern("door");
        door.Name = "Front door of the workshop";
        await using var app = new TestApp(door, TestApp.Pattern("yard"));
        await using var browser = await BrowserSession.OpenAsync(app, width: 390, height: 844);
        var consoleErrors = new List<string>();
        browser.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{browser.Page.Url}: {message.Text}");
            }
        };
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");

        var overflowing = new List<string>();
        foreach (var path in Pages.Concat(StaticPages))
        {
            if (StaticPages.Contains(path))
            {
                await browser.Page.GotoAsync(path);
            }
            else
            {
                await browser.OpenAsync(path);
            }

            var width = await browser.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            var signOut = await browser.Page.EvaluateAsync<double>(
                "() => Math.max(0, ...[...document.querySelectorAll('[data-testid=sign-out]')].map(e => e.getBoundingClientRect().right))");
            if (width > 390 || signOut > 390)
            {
                overflowing.Add($"{path}: page {width} px, sign out ends at {signOut:0} px");
            }

            await browser.ScreenshotAsync("phone" + path.Replace('/', '-'));
        }

        // The sign-in page too, signed out.
        await browser.Page.Context.ClearCookiesAsync();
        await browser.Page.GotoAsync("/account/login");
        if (await browser.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") is > 390 and var loginWidth)
        {
            overflowing.Add($"/account/login: page {loginWidth} px");
        }

        Assert.Empty(overflowing);
        Assert.Empty(app.Errors.Entries);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task OnAPhone_TheChosenColumnsHold_AndHeldSideways_TheHeaderLeavesTheScreenToTheTiles()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"), TestApp.Pattern("gate"), TestApp.Pattern("shed"));
        await using var browser = await BrowserSession.OpenAsync(app, width: 390, height: 844);
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        await browser.WaitInteractiveAsync();
        Assert.Equal(1, await ColumnsAsync(browser));

        await browser.Page.ClickAsync("[data-testid=grid-columns]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('2 columns')");
        await browser.Page.WaitForFunctionAsync(ColumnsScript + " === 2");
        Assert.True(await browser.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") <= 390, "two columns fit the phone");
        await browser.ScreenshotAsync("phone-two-columns");

        // Landscape: the app bar and the title row take at most a quarter of the height (they took a third).
        await browser.Page.SetViewportSizeAsync(844, 390);
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.Artifacts, "phone-landscape.png") });
        var top = await browser.Page.EvaluateAsync<double>("() => document.querySelector('[data-testid=camera-tile]').getBoundingClientRect().top");
        Assert.True(top <= 390 * 0.25, $"the first tile starts {top:0} px down a 390 px screen");
    }

    // Tiles in the first row.
    private const string ColumnsScript =
        "(() => { const tops = [...document.querySelectorAll('[data-testid=camera-tile]')].map(t => Math.round(t.getBoundingClientRect().top)); return tops.filter(t => t === tops[0]).length; })()";

    private static Task<int> ColumnsAsync(BrowserSession browser) => browser.Page.EvaluateAsync<int>(ColumnsScript);
}
