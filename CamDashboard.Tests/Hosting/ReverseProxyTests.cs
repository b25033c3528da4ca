using System.Net;
using System.Net.WebSockets;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Hosting;

/// <summary>README's nginx and Caddy sites in front of the app on a sub-path (issue 18, item 2):
/// what a program and a browser's requests meet through them.</summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task ReadmesNginx_WithHostWithoutItsPort_RedirectsToTheProxysPort_AndServesTheSubPath()
    {
        await using var app = SubPathApp();
        using var nginx = NginxServer.Start(port => ReadmeNginx(port, app.Address));
        await ProxiedAppWorks(app, new Uri(nginx.Address, "cams/"));
    }

    [Fact]
    public async Task ReadmesCaddy_ServesTheSubPath()
    {
        await using var app = SubPathApp();
        using var caddy = CaddyServer.Start(port => ReadmeCaddy(port, app.Address));
        await ProxiedAppWorks(app, new Uri(caddy.Address, "cams/"));
    }

    [Fact]
    public async Task ForwardedHost_IsBelievedFromAKnownProxy_AndFromNobodyElse()
    {
        // A page served as https://cams.example:8443/ opens its tile socket through the proxy.
        await using (var behindProxy = new TestApp(TestApp.Pattern()).With("Proxy:KnownProxies:0", "127.0.0.1"))
        {
            using var socket = TileSocketThroughProxy("https://cams.example:8443", "cams.example:8443");
            await socket.ConnectAsync(Tiles(behindProxy.Address), CancellationToken.None);
            Assert.Equal(WebSocketState.Open, socket.State);
        }

        // Without a proxy named, a client that says it is one is not believed: foreign origin.
        await using var direct = new TestApp(TestApp.Pattern());
        using var forged = TileSocketThroughProxy("https://cams.example:8443", "cams.example:8443");
        await Assert.ThrowsAsync<WebSocketException>(() => forged.ConnectAsync(Tiles(direct.Address), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, forged.HttpStatusCode);
    }

    [Fact]
    public async Task APathBaseThatIsNotAPath_StopsStartUp_NamingTheKey()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("PathBase", "cams?x");
        var error = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains("PathBase", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    private static TestApp SubPathApp() =>
        new TestApp(TestApp.Pattern("door")).With("PathBase", "/cams").With("Proxy:KnownProxies:0", "127.0.0.1").With("Server:MaxConnectionsPerAddress", "0");

    /// <summary>Through <paramref name="site"/> (the proxy's <c>/cams/</c>): a page's redirect to
    /// sign in stays on the proxy's port and path, the sign-in page's base is the sub-path, a
    /// browser's tile socket (its Origin the proxy's) opens, a program's stream and snapshot come.</summary>
    private static async Task ProxiedAppWorks(TestApp app, Uri site)
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site };
        using (var page = await anonymous.GetAsync("users"))
        {
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
            var target = new Uri(new Uri(site, "users"), page.Headers.Location!);
            Assert.Equal(site.Authority, target.Authority);
            Assert.Equal(new Uri(site, "account/login").AbsolutePath, target.AbsolutePath);
            Assert.Contains("ReturnUrl=%2Fcams%2Fusers", target.Query, StringComparison.Ordinal);
        }

        var login = await anonymous.GetStringAsync("account/login");
        Assert.Contains("<base href=\"/cams/\"", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("css/app.css")).StatusCode);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        socket.Options.SetRequestHeader("Origin", site.GetLeftPart(UriPartial.Authority));
        await socket.ConnectAsync(Tiles(site), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, socket.State);

        await using (var stream = await StreamClient.OpenAsync(Program(site), "stream/door"))
        {
            Assert.Equal(3, (await stream.Reader.ReadPartsAsync(3)).Count);
        }

        using var program = Program(site);

        using var snapshot = await program.GetAsync("snapshot/door");
        Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync("api/cameras")).StatusCode);
    }

    private static HttpClient Program(Uri site)
    {
        var client = new HttpClient { BaseAddress = site };
        client.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", TestApp.AdminPassword);
        return client;
    }

    private static ClientWebSocket TileSocketThroughProxy(string origin, string forwardedHost)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.SetRequestHeader("X-Forwarded-Host", forwardedHost);
        socket.Options.SetRequestHeader("X-Forwarded-For", "203.0.113.7");
        socket.Options.SetRequestHeader("X-Forwarded-Proto", "https");
        return socket;
    }

    private static Uri Tiles(Uri site) => new UriBuilder(new Uri(site, "ws/tiles")) { Scheme = "ws" }.Uri;

    /// <summary>README's nginx site on <paramref name="port"/> of 127.0.0.1, in front of <paramref name="app"/>.</summary>
    public static string ReadmeNginx(int port, Uri app)
    {
        var site = RepositoryFiles.ReadmeBlock("as `camdashboard.conf`", "nginx");
        Assert.Contains("listen 8080;", site, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:5080", site, StringComparison.Ordinal);
        return site.Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("127.0.0.1:5080", $"127.0.0.1:{app.Port}", StringComparison.Ordinal);
    }

    private static string ReadmeCaddy(int port, Uri app)
    {
        var site = RepositoryFiles.ReadmeBlock("as `/etc/caddy/Caddyfile`", "caddy");
        Assert.Contains("http://cameras.example.lan:8080 {", site, StringComparison.Ordinal);
        // On 127.0.0.1 only (Caddy listens on every address by default).
        return site.Replace("http://cameras.example.lan:8080 {", $"http://127.0.0.1:{port} {{\n    bind 127.0.0.1", StringComparison.Ordinal)
            .Replace("127.0.0.1:5080", $"127.0.0.1:{app.Port}", StringComparison.Ordinal);
    }
}
