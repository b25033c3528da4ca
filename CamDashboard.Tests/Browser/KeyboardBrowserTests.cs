using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>The dashboard by keyboard (issue 17, item 6): a skip link first, and a visible
/// outline on whatever the keyboard reached — a tile, a menu entry — that hover does not give.</summary>
public sealed class KeyboardBrowserTests
{
    [Fact]
    public async Task TheFirstTabIsASkipLinkToThePage_AndTilesAndMenuEntriesShowWhereTheKeyboardIs()
    {
        await using var app = new TestApp([.. Enumerable.Range(1, 12).Select(i => TestApp.Pattern($"cam{i}"))]);
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        await browser.WaitInteractiveAsync();

        // From the top of the page, the first Tab stop is the skip link, shown when it has the focus.
        Assert.Equal("Skip to content", await browser.Page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])')].find(e => !e.disabled && getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0)?.textContent.trim()"));
        await browser.Page.Locator(".skip-link").FocusAsync();
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0; }"), "the skip link shows when focused");
        await browser.ScreenshotAsync("keyboard-skip-link");
        await browser.Page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await browser.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.EndsWith("/", browser.Page.Url, StringComparison.Ordinal);

        // From the page, Tab reaches the tiles, each outlined as it is reached.
        var steps = 0;
        while (!await browser.Page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('tile-frame')"))
        {
            Assert.True(++steps < 15, "a tile is reached within the page's first Tab stops");
            await browser.Page.Keyboard.PressAsync("Tab");
        }

        Assert.True(await OutlinedAsync(browser), "the focused tile has a visible outline");
        Assert.True(await browser.Page.EvaluateAsync<double>("() => document.querySelector('.skip-link').getBoundingClientRect().bottom") <= 0, "the skip link hides again");
        await browser.ScreenshotAsync("keyboard-tile-focus");

        // A menu entry: outlined when the keyboard is on it; hovering one gives no outline.
        await browser.Page.Locator(".mud-nav-link", new() { HasText = "Viewers" }).FocusAsync();
        await browser.Page.Keyboard.PressAsync("Shift+Tab");
        await browser.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Viewers", await browser.Page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.True(await OutlinedAsync(browser), "the focused menu entry has a visible outline");
        await browser.Page.Locator(".mud-nav-link", new() { HasText = "Bans" }).HoverAsync();
        Assert.Equal("none", await browser.Page.Locator(".mud-nav-link", new() { HasText = "Bans" }).EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
    }

    private static Task<bool> OutlinedAsync(BrowserSession browser) =>
        browser.Page.EvaluateAsync<bool>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }");
}
