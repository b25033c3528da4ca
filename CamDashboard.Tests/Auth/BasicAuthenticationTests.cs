using System.Net;
using System.Net.Sockets;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Auth;

public sealed class BasicAuthenticationTests
{
    [Theory]
    [InlineData("/stream/cam")]
    [InlineData("/snapshot/cam")]
    [InlineData("/api/cameras")]
    [InlineData("/api/viewers")]
    public async Task NoCredentials_Get401_WithABasicChallenge(string path)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var anonymous = app.Client(user: null);
        using var response = await anonymous.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", TestApp.AdminPassword)]
    [InlineData("", "")]
    public async Task WrongCredentials_Get401(string user, string password)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client(user, password);
        using var response = await client.GetAsync("/stream/cam", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MalformedBasicHeader_Gets401()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client(user: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic !!!not-base64");
        using var response = await client.GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailures_FromOneAddress_Get429WithRetryAfter_WhileTheOwnerElsewhereStillSignsIn()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var attacker = app.Client("admin", "guess", TestApp.From("127.0.0.2"));
        for (var i = 0; i < AuthThrottle.PerAddressAndUser; i++)
        {
            using var failed = await attacker.GetAsync("/api/cameras");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await attacker.GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), AuthThrottle.Window);
        using var evenRight = await app.Client(handler: TestApp.From("127.0.0.2")).GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.TooManyRequests, evenRight.StatusCode);

        // No account lockout: the owner, from another address, is not affected.
        using var owner = await app.Client().GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task ASuccess_ResetsTheFailureCount_EvenWhenItComesFromTheCredentialCache()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var right = app.Client(handler: TestApp.From("127.0.0.3"));
        (await right.GetAsync("/api/cameras")).EnsureSuccessStatusCode(); // now cached
        using var wrong = app.Client("admin", "typo", TestApp.From("127.0.0.3"));
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < AuthThrottle.PerAddressAndUser - 1; i++)
            {
                using var failed = await wrong.GetAsync("/api/cameras");
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }

            using var ok = await right.GetAsync("/api/cameras");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }

    [Fact]
    public async Task AFlood_OfWrongPasswordsAndTokens_IsAuditedTwicePerAddress_AndRefusedPastTheLimit()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var guesser = app.Client("admin", "guess", TestApp.From("127.0.0.4"));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await guesser.GetAsync("/api/cameras");
            answers.Add(response.StatusCode);
        }

        Assert.Equal(AuthThrottle.PerAddressAndUser, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(40 - AuthThrottle.PerAddressAndUser, answers.Count(a => a == HttpStatusCode.TooManyRequests));

        using var tokens = app.Client(user: null, handler: TestApp.From("127.0.0.5"));
        for (var i = 0; i < AuthThrottle.PerAddress; i++)
        {
            using var refused = await tokens.GetAsync($"/snapshot/cam?token=cdt_wrong{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var throttled = await tokens.GetAsync("/snapshot/cam?token=cdt_wrong");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);

        var audit = await app.Get<EfAuditTrail>().LatestAsync(100, default);
        Assert.Equal(["sign-in failed", "sign-in throttled"], audit.Where(e => e.Detail.Contains("127.0.0.4", StringComparison.Ordinal)).Select(e => e.Action).Reverse());
        Assert.Equal(2, audit.Count(e => e.Detail.Contains("127.0.0.5", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ViewerRole_MayWatch_ButNotManage()
    {
        await using var app = new TestApp(TestApp.Pattern());
        _ = app.Address;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var viewer = new IdentityUser("watcher");
            Assert.True((await users.CreateAsync(viewer, "Watcher-Password-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(viewer, "Viewer")).Succeeded);
        }

        using var client = app.Client("watcher", "Watcher-Password-1");
        using var snapshot = await client.GetAsync("/snapshot/cam");
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        using var viewers = await client.GetAsync("/api/viewers");
        Assert.Equal(HttpStatusCode.Forbidden, viewers.StatusCode);
        using var patch = await client.PatchAsync("/api/cameras/cam", new StringContent("""{"quality":5}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
    }

    [Fact]
    public async Task ABurstWithTheSameCredentials_VerifiesThePasswordOnce()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = new TestApp(TestApp.Pattern())
            .WithServices(s => s.AddSingleton<IPasswordHasher<IdentityUser>>(hasher));
        using var client = app.Client();
        var baseline = hasher.Verifications;

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetAsync("/api/cameras")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        using var later = await client.GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, hasher.Verifications - baseline);
    }

    [Fact]
    public async Task RememberedCredentials_StopWorking_AfterAPasswordChange()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = new FakeCameraSource();
        await using var app = new TestApp(new CamDashboard.Streaming.Definitions.CameraOptions { Id = "cam", Source = "0" })
            .WithServices(s => s.AddSingleton<TimeProvider>(time).AddSingleton<CamDashboard.Streaming.Sources.ICameraSourceFactory>(source));
        using var client = app.Client();
        using (var first = await client.GetAsync("/api/cameras"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var admin = await users.FindByNameAsync("admin");
            Assert.True((await users.ChangePasswordAsync(admin!, TestApp.AdminPassword, "A-New-Password-2")).Succeeded);
        }

        time.Advance(TimeSpan.FromSeconds(6));
        using var stale = await client.GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var fresh = app.Client("admin", "A-New-Password-2");
        using var ok = await fresh.GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
