using System.Net;
using CamDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CamDashboard.Tests.Auth;

public sealed class BasicAuthenticationTests
{
    [Theory]
    [InlineData("/stream/cam")]
    [InlineData("/snapshot/cam")]
    [InlineData("/api/cameras")]
    [InlineData("/api/viewers")]
    [InlineData("/healthz")]
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
    public async Task RepeatedFailures_LockTheAccountOut_EvenForTheRightPassword()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var attacker = app.Client("admin", "guess");
        for (var i = 0; i < 5; i++)
        {
            using var failed = await attacker.GetAsync("/api/cameras");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var owner = app.Client();
        using var response = await owner.GetAsync("/api/cameras");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
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
        await using var app = new TestApp(new CamDashboard.Streaming.Cameras.CameraOptions { Id = "cam", Source = "0" })
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
