using System.Diagnostics;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

[Collection(TimingSensitive.Name)]
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task SigningIn_ShowsLiveTiles_WhoseImagesChange()
    {
        await using var app = new TestApp(TestApp.Pattern("front"), TestApp.Pattern("back"));
        await using var browser = await BrowserSession.OpenAsync(app);

        await browser.Page.GotoAsync("/");
        Assert.Contains("/account/login", browser.Page.Url);
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");

        await Eventually.True(async () => (await browser.TileFramesAsync()).Values.All(n => n >= 5), "every tile draws frames", 15);
        var first = await browser.Page.Locator("img[data-tile=front]").GetAttributeAsync("src");
        await Eventually.True(async () => await browser.Page.Locator("img[data-tile=front]").GetAttributeAsync("src") != first, "the tile image changes");
        Assert.Equal(2, app.Get<IViewerRegistry>().Viewers.Count(v => v.Description.Kind == ViewerKind.Dashboard));
        await browser.ScreenshotAsync("grid");
    }

    [Fact]
    public async Task WrongPassword_ShowsAClearMessage()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync(password: "not-the-password");
        var error = await browser.Page.WaitForSelectorAsync("[data-testid=login-error]");
        Assert.Equal("Wrong user name or password.", (await error!.InnerTextAsync()).Trim());
        // The user name is kept, the password is not; the cursor waits in the password field.
        Assert.Equal("admin", await browser.Page.InputValueAsync("#userName"));
        Assert.Equal("", await browser.Page.InputValueAsync("#password"));
        Assert.Equal("password", await browser.Page.EvaluateAsync<string>("document.activeElement.id"));
        await browser.ScreenshotAsync("login-error");
    }

    [Fact]
    public async Task SixteenCameras_AllTilesReceiveFrames_OverOneConnection()
    {
        await using var app = new TestApp([.. Enumerable.Range(1, 16).Select(i => TestApp.Pattern($"cam{i}", fps: 10, width: 320, height: 180))]);
        // A window tall enough for all sixteen: tiles out of sight are paused by design.
        await using var browser = await BrowserSession.OpenAsync(app, height: 2000);
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        await Eventually.True(async () => await browser.TileFramesAsync() is { Count: 16 } tiles && tiles.Values.All(n => n > 0), "all 16 tiles drew a frame", 20);

        // Every tile keeps drawing new frames (the rate is the bench's to measure, not a test's).
        var before = await browser.TileFramesAsync();
        await Eventually.True(
            async () => (await browser.TileFramesAsync()).All(t => t.Value >= before[t.Key] + 5), "every tile drew five more frames", 30);
        await browser.ScreenshotAsync("grid-16");
    }

    [Fact]
    public async Task KickingARawStream_FromTheViewersPage_EndsItAndRemovesTheRow()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartAsync();
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/viewers");
        var kick = browser.Page.Locator("[data-testid=kick]");
        await kick.WaitForAsync();
        await browser.ScreenshotAsync("viewers");

        await kick.ClickAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Eventually.True(() => app.Get<IViewerRegistry>().Viewers.Count == 0, "the kicked stream left the registry");
        await browser.Page.Locator("[data-testid=no-viewers]").WaitForAsync();
        // The kicked stream ends within the bound. This client stopped reading while the admin
        // clicked, longer than the close grace, so a reset is as right as a clean end here
        // (StreamWriterTests pins the clean end for a client that reads).
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await stream.Reader.ReadPartAsync(bound.Token) is not null)
            {
            }
        }
        catch (IOException)
        {
            // Reset: ended.
        }
    }

    [Fact]
    public async Task MovingTheQualitySlider_ChangesTheFrameSizeOnAnOpenStream()
    {
        await using var app = new TestApp(TestApp.Pattern(quality: 90));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var before = (await stream.Reader.ReadPartsAsync(5)).Average(p => p.Jpeg.Length);
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras/cam");
        var slider = browser.Page.Locator("input[type=range]").First;
        await slider.FillAsync("10");
        await Eventually.True(() => app.Get<CameraCatalog>().Find("cam")!.Settings.Quality == 10, "the slider reached the camera");
        await browser.Page.Locator("[data-testid=quality-value]", new() { HasText = "10" }).WaitForAsync();

        // Skip what queued on the open stream while the browser worked: frames captured before the change.
        var changedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        while ((await stream.Reader.ReadPartAsync())!.Timestamp < changedAt)
        {
        }

        var after = (await stream.Reader.ReadPartsAsync(5)).Average(p => p.Jpeg.Length);
        Assert.True(after < before * 0.6, $"{after:0} bytes at quality 10 vs {before:0} at 90");
        await browser.ScreenshotAsync("camera-page");
    }

    [Fact]
    public async Task ADragOfTheSlider_IsSavedOnce_WithOneAuditEntryAndOneMessage()
    {
        await using var app = new TestApp(TestApp.Pattern(quality: 90));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras/cam");

        // Five steps of a drag, as the slider reports them while it moves.
        await browser.Page.Locator("input[type=range]").First.EvaluateAsync(
            "slider => { for (const value of [89, 88, 87, 86, 85]) { slider.value = value; slider.dispatchEvent(new Event('input', { bubbles: true })); } }");
        await browser.Page.Locator("[data-testid=quality-value]", new() { HasText = "85" }).WaitForAsync();
        await Eventually.True(() => app.Get<CameraCatalog>().Find("cam")!.Settings.Quality == 85, "the last value reached the camera");
        await browser.Page.Locator(".mud-snackbar", new() { HasText = "saved" }).WaitForAsync();

        var saves = (await app.Get<CamDashboard.Data.EfAuditTrail>().LatestAsync(20, default)).Where(e => e.Action == "settings changed").ToList();
        Assert.Equal("cam: quality 85, max 15 fps", Assert.Single(saves).Detail);
        Assert.Equal(1, await browser.Page.Locator(".mud-snackbar").CountAsync());
    }

    [Fact]
    public async Task ASlowDragThatPausesMidway_IsSavedOnce_WhenTheSliderIsLetGo()
    {
        await using var app = new TestApp(TestApp.Pattern(quality: 90));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras/cam");

        // A hand that holds the slider and rests longer than the save pause, twice, before letting go.
        var slider = await browser.Page.Locator("input[type=range]").First.BoundingBoxAsync();
        var y = slider!.Y + (slider.Height / 2);
        var at90 = slider.X + (slider.Width * 0.9f);
        await browser.Page.Mouse.MoveAsync(at90, y);
        await browser.Page.Mouse.DownAsync();
        foreach (var fraction in new[] { 0.7f, 0.5f })
        {
            await browser.Page.Mouse.MoveAsync(slider.X + (slider.Width * fraction), y, new() { Steps = 5 });
            await Task.Delay(CamDashboard.Components.Pages.Cameras.CameraPage.SaveAfter * 2);
        }

        Assert.DoesNotContain(await app.Get<CamDashboard.Data.EfAuditTrail>().LatestAsync(20, default), e => e.Action == "settings changed");
        await browser.Page.Mouse.UpAsync();
        await browser.Page.Locator(".mud-snackbar", new() { HasText = "saved" }).WaitForAsync();
        var quality = app.Get<CameraCatalog>().Find("cam")!.Settings.Quality;
        Assert.InRange(quality, 40, 60);
        var saves = (await app.Get<CamDashboard.Data.EfAuditTrail>().LatestAsync(20, default)).Where(e => e.Action == "settings changed").ToList();
        Assert.Equal($"cam: quality {quality}, max 15 fps", Assert.Single(saves).Detail);
    }

    [Fact]
    public async Task AViewerRoleUser_SeesNoViewersPageAndNoSettings()
    {
        await using var app = new TestApp(TestApp.Pattern());
        _ = app.Address;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var watcher = new IdentityUser("watcher");
            Assert.True((await users.CreateAsync(watcher, "watcher-password")).Succeeded);
            Assert.True((await users.AddToRoleAsync(watcher, "Viewer")).Succeeded);
        }

        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync("watcher", "watcher-password");
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        Assert.Equal(0, await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Viewers" }).CountAsync());
        await browser.Page.GotoAsync("/cameras/cam");
        await browser.Page.Locator("[data-testid=live-view]").WaitForAsync();
        Assert.Equal(0, await browser.Page.Locator("[data-testid=quality-slider]").CountAsync());
        await browser.Page.GotoAsync("/viewers");
        Assert.Equal(0, await browser.Page.Locator("[data-testid=kick]").CountAsync());
    }

    [Fact]
    public async Task ATokenIsShownOnce_WorksForStreams_AndSigningOutEndsTheSession()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/tokens");
        await browser.Page.Locator("input[data-testid=token-name], [data-testid=token-name] input").First.FillAsync("kitchen tablet");
        await browser.Page.Locator("[data-testid=create-token]").ClickAsync();
        var secret = (await browser.Page.Locator(".token-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("cdt_", secret);
        await browser.ScreenshotAsync("tokens");

        using (var snapshot = await app.Client(user: null).GetAsync($"/snapshot/cam?token={secret}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, snapshot.StatusCode);
        }

        await browser.OpenAsync("/tokens");
        Assert.Equal(0, await browser.Page.Locator(".token-secret").CountAsync());
        Assert.Contains("kitchen tablet", await browser.Page.ContentAsync());

        await browser.OpenAsync("/audit");
        await browser.Page.Locator("[data-testid=audit-table]", new() { HasText = "token created" }).WaitForAsync();
        await browser.ScreenshotAsync("audit");

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await browser.Page.WaitForURLAsync(url => url.Contains("/account/login"));
        await browser.Page.GotoAsync("/");
        Assert.Contains("/account/login", browser.Page.Url);
    }
}
