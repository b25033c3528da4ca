using System.Net;
using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>What people see when a page is not theirs or not there (programs keep problem
/// details), and the bans an admin set.</summary>
public sealed class ErrorPageBrowserTests
{
    [Fact]
    public async Task AViewerOpeningAnAdminPage_IsToldItIsNotAllowed_NotBouncedToTheGrid()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("watcher", "Watcher-Password-1", Roles.Viewer, "admin");
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync("watcher", "Watcher-Password-1");
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");

        await browser.Page.GotoAsync("/viewers");

        var message = await browser.Page.WaitForSelectorAsync("[data-testid=not-allowed]");
        Assert.Contains("not allowed", await message!.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await browser.ScreenshotAsync("not-allowed");
    }

    [Fact]
    public async Task AnUnknownAddress_ShowsTheAppsNotFoundPage_WhileApiPathsKeepProblemDetails()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");

        var response = await browser.Page.GotoAsync("/no/such/page");
        // Once interactive too: the circuit's router must show the same page, not another.
        await browser.WaitInteractiveAsync();

        Assert.Equal(404, response!.Status);
        Assert.Equal("There is nothing at this address.", (await browser.Page.InnerTextAsync("[data-testid=status-message]")).Trim());
        await browser.ScreenshotAsync("not-found");

        using var client = app.Client();
        using var api = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheBansPage_ListsABan_AndUnbanLetsThatUserWatchAgain()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        using var bob = app.Client("bob", "Bob-Password-123");
        await using (var stream = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-123"), "/stream/cam"))
        {
            await stream.Reader.ReadPartAsync();
            var id = app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>().Viewers.Single().Id;
            using var admin = app.Client();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=10")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/snapshot/cam")).StatusCode);
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/bans");
        await browser.Page.Locator("[data-testid=unban]").WaitForAsync();
        Assert.Contains("bob", await browser.Page.InnerTextAsync("[data-testid=ban-table]"));
        await browser.ScreenshotAsync("bans");

        await browser.Page.ClickAsync("[data-testid=unban]");
        await browser.Page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Unban" }).ClickAsync();
        await browser.Page.Locator("[data-testid=no-bans]").WaitForAsync();
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/snapshot/cam")).StatusCode);
    }
}
