using System.Net;
using System.Net.WebSockets;
using CamDashboard.Auth;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Auth;

/// <summary>Findings of the security review (issue 8) about who may keep watching.</summary>
public sealed class ExposureTests
{
    [Fact]
    public async Task TileSocket_FromAForeignOrigin_IsRefused_AndFromItsOwnPagesAccepted()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var foreign = Socket(app, "http://127.0.0.1:1");
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(TilesUrl(app), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = Socket(app, app.Address.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(TilesUrl(app), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task ABan_EndsEveryStreamAndTileSocketOfThatUser_AtOnce()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        await using var first = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-123"), "/stream/cam");
        await using var second = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-123"), "/stream/cam");
        using var tiles = new ClientWebSocket();
        tiles.Options.SetRequestHeader("Authorization", TestApp.Basic("bob", "Bob-Password-123").ToString());
        await tiles.ConnectAsync(TilesUrl(app), CancellationToken.None);
        var registry = app.Get<IViewerRegistry>();
        await Eventually.True(() => registry.Viewers.Count(v => v.Description.User == "bob") == 3, "bob's three connections are registered");

        var kicked = registry.Viewers.First(v => v.Description.User == "bob" && v.Description.Kind == ViewerKind.Mjpeg).Id;
        using (var ban = await app.Client().DeleteAsync($"/api/viewers/{kicked}?banMinutes=5"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ban.StatusCode);
        }

        await Eventually.True(() => registry.Viewers.All(v => v.Description.User != "bob"), "every connection of bob ended");
        using var again = await app.Client("bob", "Bob-Password-123").GetAsync("/snapshot/cam");
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task RevokingAToken_EndsOnlyItsOwnStreams_NotThoseOfAnotherTokenWithTheSameName()
    {
        await using var app = new TestApp(TestApp.Pattern());
        _ = app.Address;
        var tokens = app.Get<StreamTokens>();
        var kitchen = await tokens.CreateAsync("tablet", null, null, "admin");
        var hallway = await tokens.CreateAsync("tablet", null, null, "admin");
        await using var kitchenStream = await StreamClient.OpenAsync(app.Client(user: null), $"/stream/cam?token={kitchen}");
        await using var hallwayStream = await StreamClient.OpenAsync(app.Client(user: null), $"/stream/cam?token={hallway}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await kitchenStream.Reader.ReadPartAsync(timeout.Token);
        await hallwayStream.Reader.ReadPartAsync(timeout.Token);

        var first = (await tokens.ListAsync()).MinBy(t => t.Id)!;
        await tokens.RevokeAsync(first.Id, "admin");
        var registry = app.Get<IViewerRegistry>();
        await Eventually.True(() => registry.Viewers.Count == 1, "the revoked token's stream ended");
        Assert.Equal(StreamTokens.PrincipalName((await tokens.ListAsync()).MaxBy(t => t.Id)!), registry.Viewers.Single().Description.User);
        Assert.NotNull(await hallwayStream.Reader.ReadPartAsync(timeout.Token));
    }

    [Theory]
    [InlineData("/snapshot/cam")]
    [InlineData("/stream/cam")]
    [InlineData("/api/cameras")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_ForbidsContentSniffing(string path)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var response = await app.Client().GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    private static ClientWebSocket Socket(TestApp app, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }

    private static Uri TilesUrl(TestApp app) => new UriBuilder(app.Address) { Scheme = "ws", Path = "/ws/tiles" }.Uri;
}
