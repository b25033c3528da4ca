using System.Net;
using CamDashboard.Auth;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Frames;

namespace CamDashboard.Tests.Browser;

/// <summary>A tile says one true thing: frames that stopped and how long ago, the camera's state
/// (the same words as its chip), a refused (banned) viewer, or a server that is gone.</summary>
public sealed class TileStateBrowserTests
{
    [Fact]
    public async Task FramesThatStop_ShowTheirAge_ThenTheCamerasStateInTheChipsWords()
    {
        var source = new FakeCameraSource();
        await using var app = new TestApp(new CameraOptions { Id = "cam", Name = "Front door", Source = "0", MaxFps = 10 })
            .With("Streaming:StallTimeout", "00:00:06")
            .WithServices(s => s.AddSingleton<ICameraSourceFactory>(source));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 2");

        source.Hang();
        // Before the server gives up on the camera, the tile already says its picture is old.
        await browser.Page.WaitForFunctionAsync("() => /^\\d+ s old$/.test(document.querySelector('.tile-age').textContent)");
        await browser.ScreenshotAsync("tile-frames-old");

        var overlay = browser.Page.Locator("[data-testid=tile-overlay]");
        await overlay.WaitForAsync();
        Assert.Matches(@"^Reconnecting since \d\d:\d\d:\d\d$", (await overlay.InnerTextAsync()).Trim());
        Assert.Equal("reconnecting", (await browser.Page.InnerTextAsync("[data-testid=state-chip]")).Trim());
        await browser.ScreenshotAsync("tile-reconnecting");

        // The camera page says the same, and shows no figures of a stream that is not there.
        await browser.OpenAsync("/cameras/cam");
        Assert.Matches(@"^Reconnecting since", (await browser.Page.InnerTextAsync("[data-testid=live-view-overlay]")).Trim());
        Assert.Equal("—", (await browser.Page.InnerTextAsync("[data-testid=frame-size]")).Trim());
        await browser.ScreenshotAsync("camera-page-reconnecting");
        source.Release();
    }

    [Fact]
    public async Task TheCameraPage_ShowsItsFramesAge_AndAKick_AsATileDoes()
    {
        var source = new FakeCameraSource();
        await using var app = new TestApp(new CameraOptions { Id = "cam", Name = "Front door", Source = "0", MaxFps = 10, Quality = 70 })
            .With("Streaming:StallTimeout", "00:01:00")
            .WithServices(s => s.AddSingleton<ICameraSourceFactory>(source));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras/cam");
        const string Frames = "() => Number(document.querySelector('[data-testid=live-view]')?.dataset.frames || 0)";
        await browser.Page.WaitForFunctionAsync($"{Frames} > 2");
        // The camera's own frames, as the admin tunes them: full size, the camera's quality
        // (once the grid that sign-in opened has let go of its tile socket).
        await Eventually.True(() => app.Get<IViewerRegistry>().Viewers.Count == 1, "only the camera page watches");
        var viewer = app.Get<IViewerRegistry>().Viewers.Single();
        Assert.Equal(CamDashboard.Streaming.Frames.FrameTier.Full, viewer.Tier);

        source.Hang();
        await browser.Page.WaitForFunctionAsync("() => /^\\d+ s old$/.test(document.querySelector('.live-frame .tile-age').textContent)");
        await browser.ScreenshotAsync("camera-page-frames-old");
        source.Release();
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('.live-frame .tile-age').textContent === ''");

        using (var kick = await app.Client().DeleteAsync($"/api/viewers/{viewer.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, kick.StatusCode);
        }

        await browser.Page.WaitForSelectorAsync(".live-frame[data-client=kicked]");
    }

    [Fact]
    public async Task ABannedViewersTiles_SayOnceUntilWhenTheyAreBanned_DoNotRetryEverySecond_AndComeBackWhenTheBanIsLifted()
    {
        await using var app = new TestApp(TestApp.Pattern(), TestApp.Pattern("yard"), TestApp.Pattern("gate"));
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        await using var browser = await BrowserSession.OpenAsync(app, timezoneId: "UTC");
        await browser.SignInAsync("bob", "Bob-Password-123");
        await browser.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].every(i => Number(i.dataset.frames || 0) > 0)");

        var tile = app.Get<IViewerRegistry>().Viewers.First(v => v.Description.User == "bob");
        using (var ban = await app.Client().DeleteAsync($"/api/viewers/{tile.Id}?banMinutes=10"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ban.StatusCode);
        }

        // Ended now, with the reason; opened again later (a reload), refused with the reason.
        await browser.Page.WaitForSelectorAsync(".tile-frame[data-client=kicked]");
        var sockets = 0;
        browser.Page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        await browser.Page.ReloadAsync();
        await browser.Page.WaitForSelectorAsync(".tile-frame[data-client=refused]");
        await browser.ScreenshotAsync("tile-refused");
        // Said once, with the end in the browser's time (UTC here); the other tiles only go dark.
        var until = app.Get<IViewerBans>().Active.Single().Until.UtcDateTime;
        var said = await browser.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.tile-frame')].map(f => getComputedStyle(f, '::after').content)");
        Assert.Equal($"\"Not allowed to watch: banned by an administrator until {until:HH:mm}\"", said[0]);
        Assert.Equal(["\"\"", "\"\""], said[1..]);
        var afterRefusal = Volatile.Read(ref sockets);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(afterRefusal, Volatile.Read(ref sockets));

        // The page hears of the unban from the server at once; its own retry would take 30 s.
        var frames = await browser.Page.EvaluateAsync<int>("() => Number(document.querySelector('img[data-tile]').dataset.frames || 0)");
        var lifted = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await app.Get<ViewerModeration>().LiftBanAsync("user:bob", "admin", CancellationToken.None));
        await browser.Page.WaitForFunctionAsync($"() => Number(document.querySelector('img[data-tile]').dataset.frames || 0) > {frames}", null, new() { Timeout = 10_000 });
        Assert.True(lifted.Elapsed < TimeSpan.FromSeconds(10), $"back after {lifted.Elapsed.TotalSeconds:0.0} s");
        Assert.Null(await browser.Page.Locator(".tile-frame").First.GetAttributeAsync("data-client"));
    }

    [Fact]
    public async Task AKickedViewersTiles_SayAnAdministratorDisconnectedThem()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 0");

        var tile = app.Get<IViewerRegistry>().Viewers.Single();
        using (var kick = await app.Client().DeleteAsync($"/api/viewers/{tile.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, kick.StatusCode);
        }

        await browser.Page.WaitForSelectorAsync(".tile-frame[data-client=kicked]");
    }

    [Fact]
    public async Task WhenTheServerGoesAway_ItStopsPromptly_AndTheTilesSaySo()
    {
        var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 0");

        // With the dashboard open, the server still stops promptly: the browser's reconnecting
        // circuit is refused rather than let in to be drained for the whole 30 s timeout.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await app.DisposeAsync();
        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));

        await browser.Page.WaitForSelectorAsync(".tile-frame[data-client=unreachable]", new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        await browser.ScreenshotAsync("tile-server-gone");
    }

    [Fact]
    public async Task AServerRestart_KeepsTheLastFramesUnderTheAppsOwnBanner_AndThePageComesBackByItself()
    {
        var database = TestApp.NewDatabasePath();
        var port = ExternalCamera.FreePort();
        var app = new TestApp(database, TestApp.Pattern()).OnPort(port);
        try
        {
            await using var browser = await BrowserSession.OpenAsync(app);
            await browser.SignInAsync();
            await browser.WaitInteractiveAsync();
            await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 1");
            await app.DisposeAsync();

            // The app's banner, not Blazor's dialog over the page; the picture stays, not a black box.
            var banner = browser.Page.Locator("[data-testid=server-unreachable]");
            await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(banner).ToContainTextAsync("Server unreachable, retrying");
            await browser.Page.WaitForSelectorAsync(".tile-frame[data-client=unreachable]", new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
            await Assertions.Expect(browser.Page.GetByText("Rejoin")).ToHaveCountAsync(0);
            Assert.True(await browser.Page.EvaluateAsync<bool>("() => document.querySelector('img[data-tile]').naturalWidth > 0"), "the last frame is still drawn");
            Assert.Equal("none", await browser.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.tile-frame'), '::after').content"));
            await Assertions.Expect(browser.Page.Locator("[data-testid=tile-overlay]")).ToBeHiddenAsync();
            await browser.ScreenshotAsync("server-restart-banner");

            // Back on the same port and data: the page finds it by itself, signed in, with live tiles.
            app = new TestApp(database, TestApp.Pattern()).OnPort(port);
            _ = app.Address;
            await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 60_000 });
            await browser.WaitInteractiveAsync();
            await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile]')?.dataset.frames || 0) > 1", null, new() { Timeout = 30_000 });
            Assert.Equal(0, await browser.Page.Locator(".tile-frame[data-client]").CountAsync());
        }
        finally
        {
            await app.DisposeAsync();
            File.Delete(database);
        }
    }
}
