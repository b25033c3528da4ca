using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>The grid as people arrange it, and the keys that move between cameras.</summary>
public sealed class GridBrowserTests
{
    [Fact]
    public async Task ColumnsAndOrder_AreTheUsersChoice_AndSurviveAReload()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"), TestApp.Pattern("gate"), TestApp.Pattern("shed"));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");

        await browser.Page.ClickAsync("[data-testid=grid-columns]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('2 columns')");
        await WaitForRowsAsync(browser, [2, 2]);

        await browser.Page.ClickAsync("[data-testid=arrange]");
        // "shed" (last) moves to the front, one step at a time.
        for (var i = 0; i < 3; i++)
        {
            await browser.Page.ClickAsync("[aria-label='Move shed earlier']");
        }

        await WaitForOrderAsync(browser, ["shed", "door", "yard", "gate"]);
        await browser.ScreenshotAsync("grid-two-columns");

        await browser.OpenAsync("/");
        await WaitForRowsAsync(browser, [2, 2]);
        await WaitForOrderAsync(browser, ["shed", "door", "yard", "gate"]);

        // f: the whole grid fullscreen; f again: back.
        await browser.Page.Keyboard.PressAsync("f");
        await browser.Page.WaitForFunctionAsync("() => document.fullscreenElement?.classList.contains('camera-grid') === true");
        await browser.Page.Keyboard.PressAsync("f");
        await browser.Page.WaitForFunctionAsync("() => document.fullscreenElement === null");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(17)]
    public async Task FitToScreen_ShowsEveryCameraWithoutScrolling_FollowsResizes_CompactIsLarger_AndFullscreenHasNoCards(int count)
    {
        await using var app = new TestApp([.. Enumerable.Range(1, count).Select(i => TestApp.Pattern($"cam{i:00}", fps: 5))]);
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await browser.Page.ClickAsync("[data-testid=grid-columns]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Fit to screen')");

        // Every tile whole on the screen, the page not scrolling, whatever the window.
        const string fits = """
            () => document.scrollingElement.scrollHeight <= innerHeight && document.scrollingElement.scrollWidth <= innerWidth
              && [...document.querySelectorAll('.camera-cell')].every(c => c.getBoundingClientRect().bottom <= innerHeight)
            """;
        const string tileWidth = "() => document.querySelector('.tile-frame').getBoundingClientRect().width";
        double labelled = 0;
        foreach (var (width, height) in new[] { (1920, 1080), (1000, 700), (1400, 900) })
        {
            await browser.Page.SetViewportSizeAsync(width, height);
            await browser.Page.WaitForFunctionAsync(fits);
            labelled = await browser.Page.EvaluateAsync<double>(tileWidth);
            Assert.True(labelled >= 100, $"{count} cameras at {width}×{height}: tiles {labelled:0} px wide");
        }

        await browser.ScreenshotAsync($"grid-fit-{count}");

        // Compact: name, state and fps over the picture; the room the labels took goes to the tiles.
        await browser.Page.ClickAsync("[data-testid=compact]");
        await browser.Page.WaitForFunctionAsync(fits);
        await browser.Page.WaitForFunctionAsync($"() => ({tileWidth})() > {labelled + 1}");
        Assert.True(await browser.Page.EvaluateAsync<bool>("""
            () => { const f = document.querySelector('.tile-frame').getBoundingClientRect(), c = document.querySelector('.camera-tile .mud-card-content').getBoundingClientRect();
                    return c.top >= f.top && c.bottom <= f.bottom + 1; }
            """), "the caption lies over the picture");
        await browser.ScreenshotAsync($"grid-fit-{count}-compact");

        // Fullscreen: the pictures on black, no white cards, still every camera without scrolling.
        await browser.Page.ClickAsync("[data-testid=grid-fullscreen]");
        await browser.Page.WaitForFunctionAsync("() => document.fullscreenElement?.classList.contains('camera-grid') === true");
        await browser.Page.WaitForFunctionAsync("""
            () => { const g = document.fullscreenElement, t = g.querySelector('.camera-tile');
                    return g.scrollHeight <= g.clientHeight && getComputedStyle(t).backgroundColor === 'rgba(0, 0, 0, 0)' && getComputedStyle(t).boxShadow === 'none'; }
            """);
        await browser.ScreenshotAsync($"grid-fit-{count}-fullscreen");
        await browser.Page.Keyboard.PressAsync("f");
        await browser.Page.WaitForFunctionAsync("() => document.fullscreenElement === null");
    }

    [Fact]
    public async Task TheFocusLayout_ShowsOneCameraLarge_AStripTileSwapsIn_AndTheLargeOneOpensItsPage()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"), TestApp.Pattern("gate"), TestApp.Pattern("shed"));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await browser.Page.ClickAsync("[data-testid=grid-columns]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Focus')");

        const string large = """
            () => { const frames = [...document.querySelectorAll('.tile-frame')].map(f => f.getBoundingClientRect());
                    return frames.length === 4 && frames.slice(1).every(f => frames[0].width > 3 * f.width && f.top > frames[0].bottom)
                      && document.scrollingElement.scrollHeight <= innerHeight; }
            """;
        await browser.Page.WaitForFunctionAsync(large);
        await WaitForOrderAsync(browser, ["door", "yard", "gate", "shed"]);
        await browser.ScreenshotAsync("grid-focus");

        // A strip tile is shown large instead, on the same page; the choice is kept.
        await browser.Page.ClickAsync("a[aria-label='Show gate large']");
        await WaitForOrderAsync(browser, ["gate", "door", "yard", "shed"]);
        Assert.EndsWith("/", browser.Page.Url, StringComparison.Ordinal);
        await browser.OpenAsync("/");
        await WaitForOrderAsync(browser, ["gate", "door", "yard", "shed"]);
        await browser.Page.WaitForFunctionAsync(large);

        // The large one opens its camera page, as any tile does elsewhere.
        await browser.Page.ClickAsync("a[aria-label='Open gate']");
        await browser.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/cameras/gate$"));
    }

    [Fact]
    public async Task TilesGetSmallFrames_UntilTheUserMakesThemWide()
    {
        await using var app = new TestApp(TestApp.Pattern("hd", width: 1280, height: 720));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await WaitForFrameWidthAsync(browser, 480);

        await browser.Page.ClickAsync("[data-testid=grid-columns]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('1 column')");
        // A tile the width of the page would blur 480-px frames: it gets full-size ones.
        await WaitForFrameWidthAsync(browser, 1280);
    }

    [Fact]
    public async Task HdTiles_CostTheBrowserWithinTheSixteenCameraBudget()
    {
        // Textured 1280×720 cameras: JPEGs the size real ones have (a full frame is ~50 KB).
        await using var app = new TestApp([.. new[] { "door", "yard", "gate", "shed" }.Select(id =>
            TestApp.Pattern(id, fps: 10, width: 1280, height: 720, texture: true))]);
        await using var browser = await BrowserSession.OpenAsync(app);
        var frames = new System.Collections.Concurrent.ConcurrentQueue<(long At, int Bytes)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        browser.Page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/ws/tiles", StringComparison.Ordinal))
            {
                socket.FrameReceived += (_, frame) => frames.Enqueue((clock.ElapsedMilliseconds, frame.Binary?.Length ?? 0));
            }
        };

        await browser.SignInAsync();
        await Eventually.True(() => frames.Count >= 4 * 20, "the tiles got 20 frames each", 30);

        // What the browser received, per tile frame and per second per tile. The budget is a
        // 16-camera grid's: ≤ 3 MB/s in all, ≤ 20 KB a frame (full-size tiles were ~50 KB, ~500 KB/s each).
        var received = frames.ToArray();
        var seconds = (received[^1].At - received[0].At) / 1000.0;
        Assert.All(received, f => Assert.InRange(f.Bytes, 1, 20 * 1024));
        var perTilePerSecond = received.Sum(f => (double)f.Bytes) / seconds / 4;
        Assert.InRange(perTilePerSecond, 1, 3e6 / 16);
    }

    [Fact]
    public async Task OpeningTheGrid_OpensOneTileSocket_AtTheSavedLayoutsSize()
    {
        await using var app = new TestApp(TestApp.Pattern("hd", width: 1280, height: 720));
        await using var browser = await BrowserSession.OpenAsync(app);
        var sockets = new System.Collections.Concurrent.ConcurrentQueue<string>();
        browser.Page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/ws/tiles", StringComparison.Ordinal))
            {
                sockets.Enqueue(socket.Url);
            }
        };

        await browser.SignInAsync();
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 3");
        Assert.Single(sockets);

        await browser.Page.ClickAsync("[data-testid=grid-columns]");
        await browser.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('1 column')");
        await WaitForFrameWidthAsync(browser, 1280);

        // Reopened with one column saved: one socket, asking for wide tiles from the start.
        sockets.Clear();
        await browser.Page.ReloadAsync();
        await WaitForFrameWidthAsync(browser, 1280);
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 3");
        Assert.Contains("tier=low", Assert.Single(sockets));
    }

    [Fact]
    public async Task OnACameraPage_ArrowsMoveBetweenCameras_AndEscapeGoesBack()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras/door");

        await browser.Page.Keyboard.PressAsync("ArrowRight");
        await browser.Page.WaitForURLAsync("**/cameras/yard");
        await browser.Page.Locator("h1", new() { HasText = "yard" }).WaitForAsync();
        await browser.Page.Keyboard.PressAsync("ArrowRight");
        await browser.Page.WaitForURLAsync("**/cameras/door");
        await browser.Page.Locator("h1", new() { HasText = "door" }).WaitForAsync();

        // On a slider the arrows are the slider's.
        await browser.Page.Locator("input[type=range]").Last.FocusAsync();
        await browser.Page.Keyboard.PressAsync("ArrowRight");
        Assert.EndsWith("/cameras/door", browser.Page.Url);
        // Off the slider (a click somewhere on the page could land on a link of the menu).
        await browser.Page.Locator("input[type=range]").Last.BlurAsync();

        await browser.Page.Keyboard.PressAsync("Escape");
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    private static Task<Microsoft.Playwright.IJSHandle> WaitForRowsAsync(BrowserSession browser, int[] perRow) =>
        browser.Page.WaitForFunctionAsync(
            "expected => { const tops = [...document.querySelectorAll('[data-testid=camera-tile]')].map(t => Math.round(t.getBoundingClientRect().top)); " +
            "const rows = [...new Set(tops)].map(top => tops.filter(t => t === top).length); return JSON.stringify(rows) === JSON.stringify(expected); }",
            perRow);

    private static Task<Microsoft.Playwright.IJSHandle> WaitForFrameWidthAsync(BrowserSession browser, int width) =>
        browser.Page.WaitForFunctionAsync("width => document.querySelector('img[data-tile]')?.naturalWidth === width", width);

    [Fact]
    public async Task WhileArranging_ATileDraggedOntoAnother_TakesItsPlace_AndTheOrderIsKept()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"), TestApp.Pattern("gate"), TestApp.Pattern("shed"));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        await browser.Page.ClickAsync("[data-testid=arrange]");
        await browser.Page.WaitForSelectorAsync(".camera-grid.arranging");

        await DragAsync(browser, "gate", "door");
        await WaitForOrderAsync(browser, ["gate", "door", "yard", "shed"]);
        await DragAsync(browser, "door", "shed");
        await WaitForOrderAsync(browser, ["gate", "yard", "shed", "door"]);
        // A drag is not a click: still on the grid.
        Assert.EndsWith("/", new Uri(browser.Page.Url).AbsolutePath, StringComparison.Ordinal);

        // Let go off the grid: nothing moves, and the next press of an arrow still counts.
        var door = await browser.Page.Locator(".camera-cell:has(img[data-tile=door])").BoundingBoxAsync();
        var title = await browser.Page.Locator("h1").BoundingBoxAsync();
        await browser.Page.Mouse.MoveAsync(door!.X + (door.Width / 2), door.Y + (door.Height / 3));
        await browser.Page.Mouse.DownAsync();
        await browser.Page.Mouse.MoveAsync(title!.X + 5, title.Y + 5, new() { Steps = 8 });
        await browser.Page.Mouse.UpAsync();
        await browser.Page.ClickAsync("[aria-label='Move gate later']");
        await WaitForOrderAsync(browser, ["yard", "gate", "shed", "door"]);

        // Arranging done, a press on a tile opens it again, and the order is the user's after a reload.
        await browser.Page.ClickAsync("[data-testid=arrange]");
        await browser.Page.WaitForSelectorAsync(".camera-grid:not(.arranging)");
        await browser.OpenAsync("/");
        await WaitForOrderAsync(browser, ["yard", "gate", "shed", "door"]);
    }

    // Pointer down on one tile, moved in steps, up over the other: as a hand does it.
    private static async Task DragAsync(BrowserSession browser, string from, string to)
    {
        var source = await browser.Page.Locator($".camera-cell:has(img[data-tile={from}])").BoundingBoxAsync();
        var target = await browser.Page.Locator($".camera-cell:has(img[data-tile={to}])").BoundingBoxAsync();
        await browser.Page.Mouse.MoveAsync(source!.X + (source.Width / 2), source.Y + (source.Height / 3));
        await browser.Page.Mouse.DownAsync();
        await browser.Page.Mouse.MoveAsync(target!.X + (target.Width / 2), target.Y + (target.Height / 3), new() { Steps = 8 });
        await browser.Page.WaitForSelectorAsync($".camera-cell.drop-target:has(img[data-tile={to}])");
        await browser.Page.Mouse.UpAsync();
    }

    private static Task<Microsoft.Playwright.IJSHandle> WaitForOrderAsync(BrowserSession browser, string[] ids) =>
        browser.Page.WaitForFunctionAsync(
            "expected => JSON.stringify([...document.querySelectorAll('img[data-tile]')].map(i => i.dataset.tile)) === JSON.stringify(expected)", ids);
}
