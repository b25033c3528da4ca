using CamDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>The theme follows the system's preference until the user picks one, which is kept.</summary>
public sealed class ThemeBrowserTests
{
    private const string DarkBackground = "rgb(50, 51, 61)";
    private const string LightBackground = "rgb(255, 255, 255)";

    [Fact]
    public async Task ADarkSystem_GetsDarkPages_SignInIncluded_UntilTheUserPicksLight_WhichIsRemembered()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app, colorScheme: ColorScheme.Dark);

        await browser.Page.GotoAsync("/account/login");
        Assert.Equal(DarkBackground, await BackgroundAsync(browser.Page, ".account-page"));
        await browser.ScreenshotAsync("sign-in-dark");

        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await WaitForBackgroundAsync(browser.Page, DarkBackground);
        await browser.ScreenshotAsync("grid-dark");

        await browser.Page.ClickAsync("[data-testid=theme-toggle]");
        await WaitForBackgroundAsync(browser.Page, LightBackground);

        await browser.OpenAsync("/");
        await WaitForBackgroundAsync(browser.Page, LightBackground);
        Assert.Equal("Switch to the dark theme", await browser.Page.GetAttributeAsync("[data-testid=theme-toggle]", "aria-label"));
    }

    [Fact]
    public async Task APageIsDrawnInTheUsersTheme_BeforeTheDashboardStarts_NoLightFlash()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app, colorScheme: ColorScheme.Dark);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await WaitForBackgroundAsync(browser.Page, DarkBackground);

        // What the server sends, as it looks before the interactive dashboard takes over (the
        // script that starts it blocked): already dark, not light turning dark a moment later.
        var prerendered = await browser.Page.Context.NewPageAsync();
        await prerendered.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());
        await prerendered.GotoAsync("/");
        Assert.Equal(DarkBackground, await BackgroundAsync(prerendered, "body"));

        // And after picking light, light.
        await browser.Page.ClickAsync("[data-testid=theme-toggle]");
        await WaitForBackgroundAsync(browser.Page, LightBackground);
        await prerendered.ReloadAsync();
        Assert.Equal(LightBackground, await BackgroundAsync(prerendered, "body"));
    }

    private static Task<string> BackgroundAsync(IPage page, string selector) =>
        page.EvalOnSelectorAsync<string>(selector, "e => getComputedStyle(e).backgroundColor");

    private static async Task WaitForBackgroundAsync(IPage page, string color) =>
        await page.WaitForFunctionAsync("color => getComputedStyle(document.body).backgroundColor === color", color);
}
