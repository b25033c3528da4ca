using System.Net;
using System.Net.WebSockets;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Auth;

/// <summary>Findings of the security review (issue 8) about odd input: each gets a clear 4xx or a
/// safe fallback, never a 500 or an invisible connection.</summary>
public sealed class InputHardeningTests
{
    [Theory]
    [InlineData("/\t/evil.com", "right")]
    [InlineData("/\u0001", "right")]
    [InlineData("/\r\nSet-Cookie: x=1", "wrong")]
    public async Task SignIn_WithAControlCharacterInReturnUrl_FallsBackToTheHomePage(string returnUrl, string password)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = FormSignIn.CookieClient(app);
        using var response = await FormSignIn.PostAsync(client, "admin", password == "right" ? TestApp.AdminPassword : "not-the-password", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var expected = password == "right" ? "/" : "/account/login?error=invalid&returnUrl=%2F&userName=admin";
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(",,,")]
    [InlineData(" , ")]
    public async Task TileSocket_WithNoCameraNamed_IsRefusedWith400_AndRegistersNothing(string cameras)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        var url = new UriBuilder(app.Address) { Scheme = "ws", Path = "/ws/tiles", Query = $"cameras={cameras}" }.Uri;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        Assert.Empty(app.Get<IViewerRegistry>().Viewers);
    }
}
