using CamDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright against the real app; nothing is downloaded.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static Task<BrowserSession> OpenAsync(TestApp app, int width = 1400, int height = 900, ColorScheme colorScheme = ColorScheme.Light, string? timezoneId = null, float pixelRatio = 1) =>
        OpenAsync(app.Address, width, height, colorScheme, timezoneId, pixelRatio);

    /// <summary>A browser on <paramref name="address"/>: the app, or a proxy in front of it.</summary>
    /// <param name="pixelRatio">Device pixels per CSS pixel: 3 for a phone such as a 390×844 one.</param>
    public static async Task<BrowserSession> OpenAsync(Uri address, int width = 1400, int height = 900, ColorScheme colorScheme = ColorScheme.Light, string? timezoneId = null, float pixelRatio = 1)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = address.ToString(), ViewportSize = new() { Width = width, Height = height }, ColorScheme = colorScheme, TimezoneId = timezoneId, DeviceScaleFactor = pixelRatio, IsMobile = pixelRatio > 1, HasTouch = pixelRatio > 1 });
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(playwright, browser, await context.NewPageAsync());
    }

    public async Task SignInAsync(string user = "admin", string password = TestApp.AdminPassword)
    {
        await Page.GotoAsync("account/login");
        await Page.FillAsync("#userName", user);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
    }

    /// <summary>Navigates and waits until the page is interactive, not just prerendered.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    public Task WaitInteractiveAsync() =>
        Page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Artifacts);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });
    }

    /// <summary>Frames drawn so far into each tile, by camera id.</summary>
    public async Task<Dictionary<string, int>> TileFramesAsync() =>
        await Page.EvaluateAsync<Dictionary<string, int>>(
            "() => Object.fromEntries([...document.querySelectorAll('img[data-tile]')].map(i => [i.dataset.tile, Number(i.dataset.frames || 0)]))");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
