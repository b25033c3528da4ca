using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CamDashboard.Tests.Auth;

/// <summary>Issue 8's medium and low findings: bounded input, equal timing, scoped tokens,
/// trusted proxies, private keys.</summary>
public sealed class ReviewFindingsTests
{
    [Fact]
    public async Task AMegabyteUserName_IsStoredBounded_AndDoesNotGrowTheDatabase()
    {
        var database = TestApp.NewDatabasePath();
        try
        {
            await using var app = new TestApp(database, TestApp.Pattern());
            using var client = FormSignIn.CookieClient(app);
            var huge = new string('x', 1_000_000) + "\nforged line";
            for (var i = 0; i < 5; i++)
            {
                (await FormSignIn.PostAsync(client, huge + i, "whatever")).Dispose();
            }

            var audit = await app.Get<EfAuditTrail>().LatestAsync(50, default);
            Assert.Contains(audit, e => e.Action == "sign-in failed");
            Assert.All(audit, e => Assert.InRange(e.User?.Length ?? 0, 0, LogText.MaxLength));
            Assert.All(audit, e => Assert.DoesNotContain('\n', e.User ?? ""));
            Assert.InRange(new FileInfo(database).Length + (File.Exists(database + "-wal") ? new FileInfo(database + "-wal").Length : 0), 0, 2_000_000);
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Theory]
    [InlineData("nobody-here")]
    [InlineData("admin")]
    public async Task AWrongPassword_CostsOneHash_WhetherTheUserExistsOrNot(string user)
    {
        var hasher = new CountingPasswordHasher();
        await using var app = new TestApp(TestApp.Pattern()).WithServices(s => s.AddSingleton<IPasswordHasher<IdentityUser>>(hasher));
        _ = app.Address;
        var before = hasher.Verifications;
        using (var basic = await app.Client(user, "wrong-password").GetAsync("/api/cameras"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        }

        Assert.Equal(before + 1, hasher.Verifications);
        using var form = FormSignIn.CookieClient(app);
        (await FormSignIn.PostAsync(form, user, "wrong-password")).Dispose();
        Assert.Equal(before + 2, hasher.Verifications);
    }

    [Fact]
    public async Task ACameraScopedToken_SeesItsOwnCameraOnly()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("vault"));
        _ = app.Address;
        var token = await app.Get<StreamTokens>().CreateAsync("door panel", "door", null, "admin");
        using var anonymous = app.Client(user: null);
        using var cameras = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/cameras?token={token}"));
        Assert.Equal(["door"], cameras.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var health = await anonymous.GetStringAsync($"/healthz?token={token}");
        Assert.DoesNotContain("vault", health);
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedFromAConfiguredProxyOnly()
    {
        await using var trusted = new TestApp(TestApp.Pattern()).With("Proxy:KnownProxies:0", "127.0.0.1");
        Assert.Equal("198.51.100.7", await ViewerAddressAsync(trusted));
        await using var untrusted = new TestApp(TestApp.Pattern());
        Assert.Equal("127.0.0.1", await ViewerAddressAsync(untrusted));

        // Behind a TLS proxy the sign-in cookie is Secure.
        using var client = FormSignIn.CookieClient(trusted);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var signedIn = await FormSignIn.PostAsync(client, "admin", TestApp.AdminPassword);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CamDashboard.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataProtectionKeys_AreKeptWithTheData_ReadableByTheAppOnly()
    {
        // A folder of its own: the other tests' apps share the temp folder's keys.
        var folder = Directory.CreateTempSubdirectory("camdashboard-keys-").FullName;
        var keys = Path.Combine(folder, "keys");
        try
        {
            await using (var app = new TestApp(Path.Combine(folder, "camdashboard.db"), TestApp.Pattern()))
            {
                _ = app.Address;
            }

            Assert.True(Directory.Exists(keys));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string?> ViewerAddressAsync(TestApp app)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        await using var stream = await StreamClient.OpenAsync(client, "/stream/cam");
        var viewers = await app.Client().GetFromJsonAsync<JsonElement>("/api/viewers");
        return viewers.EnumerateArray().Single().GetProperty("remoteAddress").GetString();
    }
}
