using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>Groups and the kiosk in Chromium: an admin saves a group and picks it (the address
/// says it); a wall screen opens the kiosk address with a token and shows that group fitted to
/// the window with no menus, until the token is revoked.</summary>
public sealed class KioskBrowserTests
{
    [Fact]
    public async Task AGroupSavedAndPicked_ThenShownOnAKiosk_UntilItsTokenIsRevoked()
    {
        await using var app = new TestApp(TestApp.Pattern("door", fps: 5), TestApp.Pattern("yard", fps: 5), TestApp.Pattern("gate", fps: 5), TestApp.Pattern("shed", fps: 5));
        await using (var admin = await BrowserSession.OpenAsync(app))
        {
            await admin.SignInAsync();
            await admin.OpenAsync("groups");
            await admin.Page.FillAsync("[data-testid=group-name] input, input[data-testid=group-name]", "Outside");
            await admin.Page.GetByLabel("yard", new() { Exact = true }).CheckAsync();
            await admin.Page.GetByLabel("gate", new() { Exact = true }).CheckAsync();
            await admin.Page.ClickAsync("[data-testid=save-group]");
            await admin.Page.WaitForSelectorAsync("[data-testid=group-row-name]:has-text('Outside')");

            await admin.OpenAsync("/");
            await admin.Page.ClickAsync("[data-testid=grid-group]");
            await admin.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Outside')");
            await admin.Page.WaitForURLAsync("**/?group=outside");
            await admin.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].map(i => i.dataset.tile).join() === 'yard,gate'");
        }

        var (token, secret) = await app.Get<StreamTokens>().CreateTokenAsync("hall tablet", null, null, "admin");
        await using var wall = await BrowserSession.OpenAsync(app, width: 1280, height: 800);

        // A wrong token: a readable refusal, no grid.
        var refused = await wall.Page.GotoAsync("kiosk?token=cdt_wrong&group=outside");
        Assert.Equal(401, refused!.Status);
        Assert.Contains("This kiosk address does not work", await wall.Page.ContentAsync(), StringComparison.Ordinal);

        await wall.Page.GotoAsync($"kiosk?token={secret}&group=outside");
        await wall.Page.WaitForURLAsync("**/?kiosk=1&group=outside");
        await wall.WaitInteractiveAsync();
        Assert.Equal(0, await wall.Page.Locator(".mud-appbar, .mud-drawer, .page-header").CountAsync());
        // Both tiles live, the whole group on the screen.
        await wall.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].every(i => Number(i.dataset.frames) >= 3)");
        Assert.Equal(["yard", "gate"], await wall.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('img[data-tile]')].map(i => i.dataset.tile)"));
        await wall.Page.WaitForFunctionAsync("() => document.scrollingElement.scrollHeight <= innerHeight && [...document.querySelectorAll('.camera-cell')].every(c => c.getBoundingClientRect().bottom <= innerHeight)");
        await wall.ScreenshotAsync("kiosk");

        // A reload (a tablet restarting its browser) comes back without the token in the address.
        await wall.Page.ReloadAsync();
        await wall.WaitInteractiveAsync();
        await wall.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].every(i => Number(i.dataset.frames) >= 1)");

        // Revoked: the wall's session ends with its token (the circuit checks every 10 s), its pictures with it.
        await app.Get<StreamTokens>().RevokeAsync(token.Id, "admin");
        await wall.Page.WaitForSelectorAsync("text=You are not allowed to see this page.", new() { Timeout = (float)(SecurityStampRevalidation.Interval.TotalMilliseconds * 2) + 5000 });
        Assert.Equal(0, await wall.Page.Locator("img[data-tile]").CountAsync());
        await wall.Page.ReloadAsync();
        await wall.Page.WaitForSelectorAsync("form[action='account/login']");
    }
}
