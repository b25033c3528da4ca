using System.Net;
using CamDashboard.Auth;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Auth;

/// <summary>Issue 8, item 1: sessions follow the user. Removal, a password reset or signing out
/// ends cookies, remembered Basic logins and open streams within the revalidation interval.</summary>
public sealed class SessionTests
{
    // The revalidation interval (10 s) plus room for a busy machine.
    private const double Within = 25;

    [Fact]
    public async Task ARemovedAdmin_LosesTheirCookie_AndTheirOpenPageCanChangeNothing()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var users = app.Get<UserAdministration>();
        Assert.Empty(await users.CreateAsync("second", "Second-Admin-Password", Roles.Admin, "admin"));
        using var second = await FormSignIn.SignedInAsync(app, "second", "Second-Admin-Password");
        using (var before = await second.GetAsync("/api/viewers"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var id = (await users.ListAsync()).Single(u => u.Name == "second").Id;
        Assert.Empty(await users.RemoveAsync(id, "admin"));

        // What their still-open page would do next is refused at once.
        Assert.NotEmpty(await users.CreateAsync("sneaky", "Sneaky-Password-1", Roles.Admin, "second"));
        Assert.DoesNotContain(await users.ListAsync(), u => u.Name == "sneaky");
        await Eventually.True(async () =>
        {
            using var after = await second.GetAsync("/api/viewers");
            return after.StatusCode != HttpStatusCode.OK;
        }, "the removed admin's cookie stops working", Within);
    }

    [Fact]
    public async Task APasswordReset_EndsTheOpenBasicStream_AndTheOldCookie()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var users = app.Get<UserAdministration>();
        await users.CreateAsync("bob", "Bob-Old-Password", Roles.Viewer, "admin");
        using var cookie = await FormSignIn.SignedInAsync(app, "bob", "Bob-Old-Password");
        await using var stream = await StreamClient.OpenAsync(app.Client("bob", "Bob-Old-Password"), "/stream/cam");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.Reader.ReadPartAsync(timeout.Token);

        var id = (await users.ListAsync()).Single(u => u.Name == "bob").Id;
        Assert.Empty(await users.ResetPasswordAsync(id, "Bob-New-Password", "admin"));
        await Eventually.True(() => app.Get<IViewerRegistry>().Viewers.All(v => v.Description.User != "bob"), "bob's open stream ended");
        using (var oldBasic = await app.Client("bob", "Bob-Old-Password").GetAsync("/snapshot/cam"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, oldBasic.StatusCode);
        }

        await Eventually.True(async () =>
        {
            using var after = await cookie.GetAsync("/api/cameras");
            return after.StatusCode != HttpStatusCode.OK;
        }, "the cookie from before the reset stops working", Within);
    }

    [Fact]
    public async Task SigningOut_MakesACopyOfTheCookieWorthless()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };
        (await FormSignIn.PostAsync(browser, "admin", TestApp.AdminPassword)).Dispose();
        var stolen = cookies.GetCookieHeader(app.Address);
        using var thief = new HttpClient { BaseAddress = app.Address };
        thief.DefaultRequestHeaders.Add("Cookie", stolen);
        using (var before = await thief.GetAsync("/api/cameras"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        (await FormSignIn.SignOutAsync(browser)).Dispose();
        await Eventually.True(async () =>
        {
            using var after = await thief.GetAsync("/api/cameras");
            return after.StatusCode != HttpStatusCode.OK;
        }, "the copied cookie stops working after sign-out", Within);
    }
}
