using System.Net;
using System.Net.Http.Json;
using CamDashboard.Auth;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CamDashboard.Tests.Auth;

/// <summary>The second security review's sign-in and session findings (issue 15, items 5, 11–13).</summary>
public sealed class SignInReviewTests
{
    [Fact]
    public async Task ASignInPostWithoutAValidFormToken_GetsTheSignInPageAgain_NotA500()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = TestApp.AdminPassword, ["__RequestVerificationToken"] = "stale" });

        using var response = await client.PostAsync("/account/login", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?error=expired", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(app.Errors.Entries);
    }

    [Fact]
    public async Task ASignOutPostFromAnotherSite_SignsNobodyOut()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var browser = await FormSignIn.SignedInAsync(app, "admin", TestApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/viewers")).StatusCode);

        // A post with the user's cookie but no form token: what another site's page can send.
        using var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/viewers")).StatusCode);
    }

    [Fact]
    public async Task GuessingOneUserFromManyAddresses_IsSlowed_WhileTheOwnerFromWhereTheySignedInIsNot()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using (var owner = app.Client())
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/cameras")).StatusCode);
        }

        // Twelve addresses, five guesses each: under each address's own limit.
        var answers = new List<HttpStatusCode>();
        for (var host = 2; host <= 13; host++)
        {
            using var guesser = app.Client("admin", "guess", TestApp.From($"127.0.0.{host}"));
            for (var i = 0; i < 5; i++)
            {
                using var response = await guesser.GetAsync("/api/cameras");
                answers.Add(response.StatusCode);
            }
        }

        Assert.Equal(AuthThrottle.FreePerUser, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(60 - AuthThrottle.FreePerUser, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        using var stillOwner = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await stillOwner.GetAsync("/api/cameras")).StatusCode);
    }

    [Fact]
    public async Task ThePerUserWait_GrowsWithEachFailure_AndEndsWithTheWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new AuthThrottle(time, new CamDashboard.Streaming.Auditing.NoAuditTrail());
        for (var i = 0; i < AuthThrottle.FreePerUser + 3; i++)
        {
            // Each from a new address, each waiting out the wait before.
            time.Advance(throttle.RetryAfter(IPAddress.Parse($"10.0.0.{i}"), "admin") ?? TimeSpan.Zero);
            await throttle.RecordFailureAsync(IPAddress.Parse($"10.0.0.{i}"), "admin", "test", default);
        }

        // Three past the free ones: 2^3 s to wait, then nothing once the window is over.
        Assert.Equal(TimeSpan.FromSeconds(8), throttle.RetryAfter(IPAddress.Parse("10.0.1.1"), "admin"));
        time.Advance(AuthThrottle.Window);
        Assert.Null(throttle.RetryAfter(IPAddress.Parse("10.0.1.1"), "admin"));
    }

    [Theory]
    [InlineData("2001:db8:1:2::7", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::7", "2001:db8:1:3::7", false)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    public void AnIpv6Client_CountsAsItsSlash64_ForEveryPerAddressRule(string a, string b, bool same)
    {
        Assert.Equal(same, AddressGroup.Of(IPAddress.Parse(a)) == AddressGroup.Of(IPAddress.Parse(b)));
        // Bans of anonymous viewers go by the same groups.
        Assert.Equal(same, ViewerBans.KeyOf(null, a) == ViewerBans.KeyOf(null, b));
    }

    [Fact]
    public async Task EachCameraOfATileSocket_CountsTowardTheStreamCap()
    {
        await using var app = new TestApp(TestApp.Pattern("a"), TestApp.Pattern("b"), TestApp.Pattern("c")).With("Streaming:MaxStreamsPerUser", "4");
        using var first = await TileSocket.OpenAsync(app, "cameras=a,b,c");
        await first.ReceiveAsync();

        // Three held: one more stream fits, a second socket of three does not.
        await using (var fourth = await StreamClient.OpenAsync(app.Client(), "/stream/a"))
        {
            var refused = await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => TileSocket.OpenAsync(app, "cameras=a,b,c"));
            Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheViewerList_ComesAPageAtATime()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var streams = new List<StreamClient>();
        for (var i = 0; i < 5; i++)
        {
            streams.Add(await StreamClient.OpenAsync(app.Client(), "/stream/cam"));
        }

        using var client = app.Client();
        using var page = await client.GetAsync("/api/viewers?page=2&pageSize=2");
        Assert.Equal(2, (await page.Content.ReadFromJsonAsync<List<object>>())!.Count);
        Assert.Equal("5", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("page=3&pageSize=2", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/viewers?pageSize=100000")).StatusCode);
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFloodOfAnonymousRequests_IsLoggedAsACount_NotALinePerRequest()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Logging:LogLevel:Default", "Information");
        using var anonymous = app.Client(user: null);
        for (var i = 0; i < 200; i++)
        {
            using var response = await anonymous.GetAsync("/api/cameras");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var lines = app.Lines.Entries.Where(l => l.Contains("challenged", StringComparison.Ordinal) || l.Contains("without credentials", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count, 1, 2);
    }
}
