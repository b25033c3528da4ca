using System.Net;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>Enter in a field submits its form, as it does on any other site.</summary>
public sealed class FormBrowserTests
{
    [Fact]
    public async Task Enter_AddsAUser_ResetsTheirPassword_AndCreatesAToken()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.OpenAsync("/users");

        await Field(browser, "new-user-name").FillAsync("carol");
        await Field(browser, "new-user-password").FillAsync("Carol-Password-1");
        // As a person would: Enter once the form can be sent (Add is enabled by what was typed).
        await browser.Page.Locator("[data-testid=add-user]:enabled").WaitForAsync();
        await Field(browser, "new-user-password").PressAsync("Enter");
        var carol = browser.Page.Locator("tbody tr", new() { HasText = "carol" });
        await carol.WaitForAsync();
        Assert.Equal(HttpStatusCode.OK, await SnapshotStatusAsync(app, "carol", "Carol-Password-1"));

        await carol.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Field(browser, "reset-password").FillAsync("Carol-Password-2");
        await Field(browser, "reset-password").PressAsync("Enter");
        await browser.Page.Locator(".mud-snackbar", new() { HasText = "carol's password was reset" }).WaitForAsync();
        Assert.Equal(HttpStatusCode.OK, await SnapshotStatusAsync(app, "carol", "Carol-Password-2"));

        await browser.OpenAsync("/tokens");
        await Field(browser, "token-name").FillAsync("kitchen tablet");
        await browser.Page.Locator("[data-testid=create-token]:enabled").WaitForAsync();
        await Field(browser, "token-name").PressAsync("Enter");
        var secret = (await browser.Page.Locator(".token-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("cdt_", secret);

        // One click puts it on the clipboard.
        await browser.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await browser.Page.Locator("[data-testid=copy-token]").ClickAsync();
        await browser.Page.Locator(".mud-snackbar", new() { HasText = "Token copied." }).WaitForAsync();
        await browser.ScreenshotAsync("token-created");
        Assert.Equal(secret, await browser.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    // MudBlazor puts a field's attributes on its input, or on the element around it.
    private static ILocator Field(BrowserSession browser, string testId) =>
        browser.Page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    [Fact]
    public async Task SignIn_SaysItIsWorking_FromThePressOn_AndStillSignsIn()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.Page.GotoAsync("account/login");
        await browser.Page.FillAsync("#userName", "admin");
        await browser.Page.FillAsync("#password", TestApp.AdminPassword);
        // The post is kept from leaving, so that the page can be looked at as a slow server leaves it
        // (a held navigation would keep the browser from being asked anything).
        await browser.Page.EvaluateAsync("() => document.querySelector('.login-form').addEventListener('submit', e => e.preventDefault())");
        await browser.Page.PressAsync("#password", "Enter");

        Assert.Equal("Signing in…|true", await browser.Page.EvaluateAsync<string>(
            "() => { const b = document.querySelector('button[type=submit]'); return `${b.textContent.trim()}|${b.disabled}`; }"));
        await browser.ScreenshotAsync("sign-in-progress");
        await browser.Page.EvaluateAsync("() => document.querySelector('.login-form').submit()");
        await browser.Page.WaitForURLAsync(app.Address.ToString());
    }

    private static async Task<HttpStatusCode> SnapshotStatusAsync(TestApp app, string user, string password)
    {
        using var client = app.Client(user, password);
        using var response = await client.GetAsync("/snapshot/cam");
        return response.StatusCode;
    }
}
