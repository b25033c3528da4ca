using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Auth;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Events;

/// <summary>/hubs/events with a real SignalR client against the real app on 127.0.0.1.</summary>
public sealed class EventsHubTests
{
    private const string BobPassword = "Bob-Password-123";

    [Fact]
    public async Task AnAdmin_HearsOfViewersSettingsKicksBansAndCameras()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("bob", BobPassword, Roles.Viewer, "admin");
        await using var events = await EventsClient.ConnectAsync(app.Address);
        using var admin = app.Client();

        await using (var stream = await StreamClient.OpenAsync(app.Client("bob", BobPassword), "/stream/cam"))
        {
            await stream.Reader.ReadPartAsync();
            var joined = await events.NextAsync(ViewerJoined.TypeName, e => e.GetProperty("user").GetString() == "bob");
            Assert.Equal("cam", joined.GetProperty("cameraId").GetString());
            Assert.Equal("mjpeg", joined.GetProperty("kind").GetString());
            var viewerId = joined.GetProperty("viewerId").GetInt64();

            using (var patch = await admin.PatchAsJsonAsync("/api/cameras/cam", new { quality = 55, maxFps = 7 }))
            {
                patch.EnsureSuccessStatusCode();
            }

            var settings = await events.NextAsync(CameraSettingsChanged.TypeName);
            Assert.Equal((55, 7, "admin"), (settings.GetProperty("quality").GetInt32(), settings.GetProperty("maxFps").GetInt32(), settings.GetProperty("by").GetString()));

            using (var kick = await admin.DeleteAsync($"/api/viewers/{viewerId}?banMinutes=5"))
            {
                Assert.Equal(HttpStatusCode.NoContent, kick.StatusCode);
            }

            var ban = await events.NextAsync(BanSet.TypeName);
            Assert.Equal("user:bob", ban.GetProperty("target").GetString());
            var kicked = await events.NextAsync(ViewerKicked.TypeName);
            Assert.Equal((viewerId, "admin", 5), (kicked.GetProperty("viewerId").GetInt64(), kicked.GetProperty("by").GetString(), kicked.GetProperty("banMinutes").GetInt32()));
            var left = await events.NextAsync(ViewerLeft.TypeName, e => e.GetProperty("viewerId").GetInt64() == viewerId);
            Assert.True(left.GetProperty("framesSent").GetInt64() >= 1);
        }

        Assert.True(await app.Get<ViewerModeration>().LiftBanAsync("user:bob", "admin", CancellationToken.None));
        Assert.Equal("user:bob", (await events.NextAsync(BanLifted.TypeName)).GetProperty("target").GetString());

        using (var added = await admin.PostAsJsonAsync("/api/cameras", new { id = "yard", source = "testpattern" }))
        {
            added.EnsureSuccessStatusCode();
        }

        var camera = await events.NextAsync(CameraListChanged.TypeName);
        Assert.Equal(("yard", "Added"), (camera.GetProperty("cameraId").GetString(), camera.GetProperty("change").GetString()));
        // Every event says when it happened.
        Assert.True(camera.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task UsersAndTokens_AreEvents_ButNeverTheirSecrets()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var events = await EventsClient.ConnectAsync(app.Address);

        await app.Get<UserAdministration>().CreateAsync("carol", "Carol-Password-1", Roles.Viewer, "admin");
        var user = await events.NextAsync(UserChanged.TypeName);
        Assert.Equal(("carol", "Added", "admin"), (user.GetProperty("user").GetString(), user.GetProperty("change").GetString(), user.GetProperty("by").GetString()));

        var secret = await app.Get<StreamTokens>().CreateAsync("wall tablet", cameraId: null, expiresAt: null, by: "admin");
        var token = await events.NextAsync(TokenChanged.TypeName);
        Assert.Equal(("wall tablet", "Created"), (token.GetProperty("name").GetString(), token.GetProperty("change").GetString()));
        Assert.DoesNotContain(secret, token.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewersAndScopedTokens_GetOnlyTheStatesOfCamerasTheyMaySee_WithoutErrors()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("vic", "Vic-Password-123", Roles.Viewer, "admin");
        var scoped = await app.Get<StreamTokens>().CreateAsync("door only", cameraId: "door", expiresAt: null, by: "admin");
        await using var admin = await EventsClient.ConnectAsync(app.Address);
        await using var viewer = await EventsClient.ConnectAsync(app.Address, "vic", "Vic-Password-123");
        await using var token = await EventsClient.ConnectAsync(app.Address, user: null, query: $"?token={scoped}");
        using var api = app.Client();

        // Two cameras that cannot be reached: their states change (and say why, to admins only).
        foreach (var id in new[] { "yard", "door" })
        {
            using var added = await api.PostAsJsonAsync("/api/cameras", new { id, source = "http://127.0.0.1:9/snapshot.jpg" });
            added.EnsureSuccessStatusCode();
        }

        static bool IsDown(JsonElement e, string camera) => e.GetProperty("cameraId").GetString() == camera && e.GetProperty("state").GetString() is "Reconnecting" or "Unreachable";
        var adminSaw = await admin.NextAsync(CameraStateChanged.TypeName, e => IsDown(e, "door"));
        Assert.False(string.IsNullOrEmpty(adminSaw.GetProperty("error").GetString()));
        var viewerSaw = await viewer.NextAsync(CameraStateChanged.TypeName, e => IsDown(e, "door"));
        Assert.Equal(JsonValueKind.Null, viewerSaw.GetProperty("error").ValueKind);
        await viewer.NextAsync(CameraStateChanged.TypeName, e => IsDown(e, "yard"));
        var tokenSaw = await token.NextAsync(CameraStateChanged.TypeName, e => IsDown(e, "door"));
        Assert.Equal(JsonValueKind.Null, tokenSaw.GetProperty("error").ValueKind);

        // One more of the token's own camera: a client gets its events in order, so by then any
        // of the other camera would have come too.
        using (var disabled = await api.PutAsJsonAsync("/api/cameras/door", new { source = "http://127.0.0.1:9/snapshot.jpg", enabled = false }))
        {
            disabled.EnsureSuccessStatusCode();
        }

        await token.NextAsync(CameraStateChanged.TypeName, e => e.GetProperty("state").GetString() == "Disabled");
        await viewer.NextAsync(CameraStateChanged.TypeName, e => e.GetProperty("state").GetString() == "Disabled");
        Assert.All(token.Drain(), e => Assert.Equal((CameraStateChanged.TypeName, "door"), (e.Name, e.Body.GetProperty("cameraId").GetString())));
        Assert.All(viewer.Drain(), e => Assert.Equal(CameraStateChanged.TypeName, e.Name));
        // The admin saw the cameras being added; no one else did.
        Assert.Contains(admin.Drain(), e => e.Name == CameraListChanged.TypeName);
    }

    [Fact]
    public async Task Strangers_AnotherSitesPage_AndTheBanned_AreRefused()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using (var anonymous = app.Client(user: null))
        {
            using var negotiate = await anonymous.PostAsync("/hubs/events/negotiate?negotiateVersion=1", null);
            Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
            Assert.Equal("Basic", negotiate.Headers.WwwAuthenticate.Single().Scheme);
        }

        // A browser lends another site's page this site's credentials: the origin tells them apart.
        await using (var foreign = await StartRefusedAsync(() => EventsClient.ConnectAsync(app.Address, origin: "http://evil.example")))
        {
        }

        await app.Get<UserAdministration>().CreateAsync("bob", BobPassword, Roles.Viewer, "admin");
        await using var bob = await EventsClient.ConnectAsync(app.Address, "bob", BobPassword);
        await using (var stream = await StreamClient.OpenAsync(app.Client("bob", BobPassword), "/stream/cam"))
        {
            await stream.Reader.ReadPartAsync();
            var viewer = app.Get<IViewerRegistry>().Viewers.Single();
            Assert.Equal(KickResult.Kicked, await app.Get<ViewerModeration>().KickAsync(viewer.Id, banMinutes: 5, "admin", CancellationToken.None));
        }

        // A ban ends the banned user's event connection too, and refuses a new one.
        await bob.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        await using (var again = await StartRefusedAsync(() => EventsClient.ConnectAsync(app.Address, "bob", BobPassword)))
        {
        }
    }

    [Fact]
    public async Task ARemovedUser_LosesTheirEventConnectionAtOnce()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var users = app.Get<UserAdministration>();
        await users.CreateAsync("dave", "Dave-Password-1", Roles.Viewer, "admin");
        await using var dave = await EventsClient.ConnectAsync(app.Address, "dave", "Dave-Password-1");

        var id = (await users.ListAsync()).Single(u => u.Name == "dave").Id;
        Assert.Empty(await users.RemoveAsync(id, "admin"));
        await dave.Closed.WaitAsync(TimeSpan.FromSeconds(5));
    }

    // A refused client either fails to start or is closed by the server right after; either way it gets nothing.
    private static async Task<EventsClient?> StartRefusedAsync(Func<Task<EventsClient>> connect)
    {
        EventsClient client;
        try
        {
            client = await connect();
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException or Microsoft.AspNetCore.SignalR.HubException)
        {
            return null;
        }

        var error = await client.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(error);
        Assert.Empty(client.Drain());
        return client;
    }
}
