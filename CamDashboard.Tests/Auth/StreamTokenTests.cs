using System.Net;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Auth;

public sealed class StreamTokenTests
{
    [Fact]
    public async Task AToken_OpensStreams_AndRevokingItEndsThem()
    {
        await using var app = new TestApp(TestApp.Pattern("a"), TestApp.Pattern("b"));
        _ = app.Address;
        var secret = await app.Get<StreamTokens>().CreateAsync("tablet", cameraId: null, expiresAt: null, by: "admin");
        Assert.StartsWith(StreamTokens.Prefix, secret);

        using var anonymous = app.Client(user: null);
        await using var stream = await StreamClient.OpenAsync(anonymous, $"/stream/a?token={secret}");
        await stream.Reader.ReadPartAsync();
        using (var snapshot = await anonymous.GetAsync($"/snapshot/b?token={secret}"))
        {
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        }

        var token = (await app.Get<StreamTokens>().ListAsync()).Single();
        await app.Get<StreamTokens>().RevokeAsync(token.Id, "admin");
        await Eventually.True(() => app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>().Viewers.Count == 0, "the token's stream ended");
        using var refused = await anonymous.GetAsync($"/snapshot/a?token={secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var audit = await app.Get<EfAuditTrail>().LatestAsync(10, default);
        Assert.Contains(audit, e => e.Action == "token created" && e.Detail.StartsWith("tablet"));
        Assert.Contains(audit, e => e.Action == "token revoked" && e.User == "admin");
    }

    [Fact]
    public async Task AScopedToken_IsRefusedOtherCameras()
    {
        await using var app = new TestApp(TestApp.Pattern("a"), TestApp.Pattern("b"));
        _ = app.Address;
        var secret = await app.Get<StreamTokens>().CreateAsync("door only", cameraId: "a", expiresAt: null, by: "admin");
        using var anonymous = app.Client(user: null);
        using var allowed = await anonymous.GetAsync($"/snapshot/a?token={secret}");
        using var refused = await anonymous.GetAsync($"/snapshot/b?token={secret}");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (allowed.StatusCode, refused.StatusCode));
    }

    [Fact]
    public async Task AnExpiringToken_EndsItsStreamWhenItExpires()
    {
        await using var app = new TestApp(TestApp.Pattern());
        _ = app.Address;
        var secret = await app.Get<StreamTokens>().CreateAsync("short", null, DateTimeOffset.UtcNow.AddSeconds(2), "admin");
        using var anonymous = app.Client(user: null);
        await using var stream = await StreamClient.OpenAsync(anonymous, $"/stream/cam?token={secret}");
        await stream.Reader.ReadPartAsync();
        await Eventually.True(() => app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>().Viewers.Count == 0, "the stream ended at expiry");
        using var refused = await anonymous.GetAsync($"/snapshot/cam?token={secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task UnknownToken_Gets401()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var anonymous = app.Client(user: null);
        using var response = await anonymous.GetAsync("/snapshot/cam?token=cdt_nonsense");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task KicksAndSettingChanges_AreAudited_WithWhoDidThem()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        await using var stream = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-123"), "/stream/cam");
        await stream.Reader.ReadPartAsync();
        using var admin = app.Client();
        var id = app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>().Viewers.Single().Id;
        (await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=3")).Dispose();
        (await admin.PatchAsync("/api/cameras/cam", new StringContent("""{"quality":40}""", System.Text.Encoding.UTF8, "application/json"))).Dispose();

        var audit = await app.Get<EfAuditTrail>().LatestAsync(10, default);
        Assert.Contains(audit, e => e.Action == "viewer banned" && e.User == "admin" && e.Detail.Contains("banned for 3 min"));
        Assert.Contains(audit, e => e.Action == "settings changed" && e.User == "admin" && e.Detail == "cam: quality 40, max 15 fps");
    }
}
