using System.Text.RegularExpressions;
using CamDashboard.Tests.Hosting;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>The published build in Production behind README's nginx site under <c>/cams</c>, as a
/// browser meets it: what a deployer runs, with its built-in test patterns.</summary>
[Collection(PublishedBuildTests.Name)]
public sealed class ReverseProxyBrowserTests(PublishedBuild published)
{
    [Fact]
    public async Task ThroughNginxOnASubPath_SignInTilesACameraPageAndSignOut_StayOnTheProxy()
    {
        await using var app = new AppProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["PathBase"] = "/cams",
            ["Proxy__KnownProxies__0"] = "127.0.0.1",
        }, published.Folder);
        await app.WaitUntilServingAsync();
        using var nginx = NginxServer.Start(port => ReverseProxyTests.ReadmeNginx(port, app.Address));
        var site = new Uri(nginx.Address, "cams/");

        await using var browser = await BrowserSession.OpenAsync(site);
        await browser.Page.GotoAsync("viewers");
        // Sent to sign in, on the proxy's port and path, and back to the page asked for.
        await browser.Page.WaitForURLAsync(new Regex($"^{Regex.Escape(site + "account/login")}"));
        await browser.Page.FillAsync("#userName", "admin");
        await browser.Page.FillAsync("#password", TestApp.AdminPassword);
        await browser.Page.ClickAsync("button[type=submit]");
        await browser.Page.WaitForURLAsync(site + "viewers");
        await browser.WaitInteractiveAsync();

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Cameras", Exact = true }).ClickAsync();
        await browser.Page.WaitForURLAsync(site.ToString());
        await browser.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].length === 2 && [...document.querySelectorAll('img[data-tile]')].every(i => Number(i.dataset.frames || 0) > 1)");
        await Assertions.Expect(browser.Page.Locator("[data-testid=state-chip]", new() { HasText = "live" })).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("proxy-subpath-published-grid");

        await browser.Page.Locator("a[aria-label='Open Test pattern 1']").ClickAsync();
        await browser.Page.WaitForURLAsync(site + "cameras/test1");
        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=live-view]')?.dataset.frames || 0) > 1");
        await browser.ScreenshotAsync("proxy-subpath-published-camera");

        await browser.Page.Locator("[data-testid=sign-out]:visible").ClickAsync();
        await browser.Page.WaitForURLAsync(new Regex($"^{Regex.Escape(site + "account/login")}"));
        Assert.DoesNotContain(app.Output, line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("warn:", StringComparison.Ordinal));
    }
}
