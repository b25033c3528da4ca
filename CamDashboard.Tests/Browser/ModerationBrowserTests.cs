using CamDashboard.Auth;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>An admin ends another user's whole dashboard from the Viewers page, as two people
/// in two browsers would see it.</summary>
public sealed class ModerationBrowserTests
{
    [Fact]
    public async Task ADashboardIsOneRow_AndKickingItEndsEveryTileOfThatBrowser_ButAnAdminCannotBanThemselves()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"), TestApp.Pattern("gate"));
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        await using var bob = await BrowserSession.OpenAsync(app);
        await bob.SignInAsync("bob", "Bob-Password-123");
        await bob.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].every(i => Number(i.dataset.frames || 0) > 0)");
        // The admin's own stream, for the self-ban check.
        using var vlc = app.Client();
        vlc.DefaultRequestHeaders.UserAgent.ParseAdd("VLC/3.0.18 LibVLC/3.0.18");
        await using var own = await StreamClient.OpenAsync(vlc, "/stream/door");
        await own.Reader.ReadPartAsync();

        await using var admin = await BrowserSession.OpenAsync(app);
        await admin.SignInAsync();
        await admin.OpenAsync("/viewers");
        var bobsRow = admin.Page.Locator("[data-testid=viewer-table] tbody tr", new() { HasText = "bob" });
        var adminsRow = admin.Page.Locator("[data-testid=viewer-table] tbody tr", new() { HasText = "MJPEG client" });
        await bobsRow.WaitForAsync();
        // Two rows: bob's dashboard and the admin's stream (the admin's own grid, left for this
        // page, may take a refresh to go).
        await admin.Page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=viewer-table] tbody tr').length === 2");
        Assert.Contains("3 cameras", await bobsRow.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await adminsRow.Locator("[data-testid=kick-ban]").CountAsync());

        await bobsRow.Locator("[data-testid=expand-session]").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("[data-testid=session-camera]")).ToHaveCountAsync(3);
        Assert.Equal(["door", "gate", "yard"], (await admin.Page.Locator("[data-testid=session-camera] td:first-child").AllInnerTextsAsync()).Select(t => t.Trim()).Order());
        await admin.ScreenshotAsync("viewers-session");
        // On a desktop screen the whole row fits: the kick controls are in view, nothing scrolls sideways.
        Assert.True(await admin.Page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await Assertions.Expect(bobsRow.Locator("[data-testid=kick]")).ToBeInViewportAsync(new() { Ratio = 1 });

        // The figures are drawn again every second, and the row stays the same row: a keyboard
        // user's focus stays on its Kick button, and a press held across a refresh still clicks.
        var kick = bobsRow.Locator("[data-testid=kick]");
        var connectedFor = bobsRow.Locator("td[data-label='Connected for']");
        async Task NextRefreshAsync() => await Assertions.Expect(connectedFor).Not.ToHaveTextAsync(await connectedFor.InnerTextAsync());
        await kick.FocusAsync();
        await NextRefreshAsync();
        Assert.Equal("kick", await admin.Page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid ?? null"));
        await kick.HoverAsync();
        await admin.Page.Mouse.DownAsync();
        await NextRefreshAsync();
        await admin.Page.Mouse.UpAsync();
        var dialog = admin.Page.Locator(".mud-dialog");
        Assert.Contains("bob's dashboard session (3 cameras)", await dialog.InnerTextAsync());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();

        // Every tile in bob's browser says so; only the admin's own stream is left.
        await bob.Page.WaitForSelectorAsync(".tile-frame[data-client=kicked]");
        Assert.Equal(3, await bob.Page.Locator(".tile-frame[data-client=kicked]").CountAsync());
        await Eventually.True(() => app.Get<IViewerRegistry>().Viewers.All(v => v.Description.User == "admin"), "bob's tiles left the registry");
        await admin.Page.Locator("[data-testid=viewer-table] tbody tr", new() { HasText = "bob" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(1, await admin.Page.Locator("[data-testid=viewer-table] tbody tr").CountAsync());
        await Assertions.Expect(admin.Page.Locator(".mud-snackbar", new() { HasText = "Disconnected bob's dashboard session (3 cameras)." })).ToBeVisibleAsync();

        // A single connection is named by its program, as the admin knows it (asked once the
        // first question has gone: a click on its closing overlay opens nothing).
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Page.Locator(".mud-overlay")).ToHaveCountAsync(0);
        await adminsRow.Locator("[data-testid=kick]").ClickAsync();
        Assert.Contains("End admin's VLC stream to door?", await dialog.InnerTextAsync());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator(".mud-snackbar", new() { HasText = "Disconnected admin's VLC stream to door." })).ToBeVisibleAsync();
    }
}
