using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>Issue 8, item 1, as a removed admin would live it: the dashboard page they left open
/// stops being theirs within the revalidation interval, without a reload.</summary>
[Collection(TimingSensitive.Name)]
public sealed class SessionBrowserTests
{
    [Fact]
    public async Task AnOpenUsersPage_OfARemovedAdmin_StopsShowingAdminContent()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var users = app.Get<UserAdministration>();
        Assert.Empty(await users.CreateAsync("second", "Second-Admin-Password", Roles.Admin, "admin"));
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync("second", "Second-Admin-Password");
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        await browser.OpenAsync("/users");
        await browser.Page.WaitForSelectorAsync("text=Add a user");

        var id = (await users.ListAsync()).Single(u => u.Name == "second").Id;
        Assert.Empty(await users.RemoveAsync(id, "admin"));

        // The circuit re-checks the user (every 10 s) and the open page loses its admin content.
        await browser.Page.WaitForSelectorAsync("text=You are not allowed to see this page.", new() { Timeout = 25_000 });
        Assert.Equal(0, await browser.Page.Locator("text=Add a user").CountAsync());
        await browser.ScreenshotAsync("removed-admin-page");
    }
}
