using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CamDashboard.Tests.Browser;

/// <summary>Every page on a 390 px phone: nothing scrolls sideways, the app bar's actions stay
/// on screen, and a whole session of normal use logs no error, on the server or in the browser.</summary>
public sealed class PhoneBrowserTests(ITestOutputHelper output)
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

    [Fact]
    public async Task TwelveCamerasOnAPhone_TakeAtMost250KBPerSecond_OnlyTheTilesOnScreenReceive_AndLowDataTakesLess()
    {
        var cameras = Enumerable.Range(1, 12).Select(i => TestApp.Pattern($"cam{i:00}", fps: 15, width: 1280, height: 720, texture: true)).ToArray();
        await using var app = new TestApp(cameras);
        await using var browser = await BrowserSession.OpenAsync(app, width: 390, height: 844, pixelRatio: 3);
        long received = 0;
        var sockets = new List<string>();
        browser.Page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/ws/tiles", StringComparison.Ordinal))
            {
                return;
            }

            sockets.Add(socket.Url);
            socket.FrameReceived += (_, frame) => Interlocked.Add(ref received, frame.Binary?.Length ?? 0);
        };
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        const string framesOf = "() => Object.fromEntries([...document.querySelectorAll('img[data-tile]')].map(i => [i.dataset.tile, Number(i.dataset.frames || 0)]))";
        const string onScreen = "() => [...document.querySelectorAll('img[data-tile]')].filter(i => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }).map(i => i.dataset.tile)";
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 3");

        // A phone's tile is 358 CSS pixels wide: small frames, whatever its pixel ratio.
        Assert.Contains("tier=small", Assert.Single(sockets), StringComparison.Ordinal);
        var (rate, before, after) = await MeasureAsync();
        var shown = await browser.Page.EvaluateAsync<string[]>(onScreen);
        Assert.InRange(shown.Length, 2, 5);
        Assert.All(shown, id => Assert.True(after[id] - before[id] >= 10, $"{id}, on screen, gets frames: {after[id] - before[id]}"));
        Assert.All(after.Keys.Except(shown), id => Assert.True(after[id] - before[id] <= 1, $"{id}, off screen, gets none: {after[id] - before[id]}"));
        Assert.True(rate <= 250_000, $"{rate / 1000:0} KB/s for 12 cameras on a phone, {shown.Length} on screen, {after.Sum(a => a.Value - before[a.Key])} frames in 4 s");
        await browser.ScreenshotAsync("phone-grid-12");
        // Off screen, each tile still drew one frame: scrolled to, it has a picture at once.
        Assert.All(after, tile => Assert.True(tile.Value >= 1, $"{tile.Key} has a picture"));

        // Scrolled to the end: the last tiles come alive, the first ones rest.
        await browser.Page.EvaluateAsync("() => window.scrollTo(0, document.scrollingElement.scrollHeight)");
        var (_, scrolledBefore, scrolledAfter) = await MeasureAsync();
        Assert.True(scrolledAfter["cam12"] - scrolledBefore["cam12"] >= 10, "the last tile, now on screen, gets frames");
        Assert.True(scrolledAfter["cam01"] - scrolledBefore["cam01"] <= 1, "the first tile, now off screen, gets none");

        // Low data, on this device: fewer bytes still, and kept when the page is opened again.
        await browser.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await browser.Page.Locator("[data-testid=low-data]").ClickAsync();
        await Eventually.True(() => sockets.Count == 2, "one new socket for low data");
        Assert.Contains("fps=2", sockets[1], StringComparison.Ordinal);
        var (lowRate, _, _) = await MeasureAsync();
        output.WriteLine($"12 cameras (1280×720, textured), phone 390×844 ×3: {rate / 1000:0} KB/s for {shown.Length} tiles on screen; low data {lowRate / 1000:0} KB/s");
        Assert.True(lowRate < rate / 3, $"low data: {lowRate / 1000:0} KB/s against {rate / 1000:0}");
        await browser.OpenAsync("/");
        await Assertions.Expect(browser.Page.Locator("[data-testid=low-data]")).ToHaveAttributeAsync("aria-pressed", "true");

        // Bytes per second over the tile socket, and each tile's frames before and after, over 4 s.
        async Task<(double Rate, Dictionary<string, int> Before, Dictionary<string, int> After)> MeasureAsync()
        {
            // Settled first: the page's report of what it shows has reached the server.
            var seen = await browser.Page.EvaluateAsync<string[]>(onScreen);
            var registry = app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>();
            await Eventually.True(() => registry.Viewers.Count == 12 && registry.Viewers.Where(v => !v.IsPaused).Select(v => v.Description.CameraId).Order().SequenceEqual(seen.Order()),
                $"the server sends the tiles on screen only: {string.Join(',', seen)}");
            var frames = await browser.Page.EvaluateAsync<Dictionary<string, int>>(framesOf);
            var bytes = Interlocked.Read(ref received);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(4));
            var rate = (Interlocked.Read(ref received) - bytes) / clock.Elapsed.TotalSeconds;
            return (rate, frames, await browser.Page.EvaluateAsync<Dictionary<string, int>>(framesOf));
        }
    }
}
