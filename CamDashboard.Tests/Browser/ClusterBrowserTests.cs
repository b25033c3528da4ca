using System.Text.RegularExpressions;
using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>README's three-node setup as a user meets it: nginx (README's configuration) in
/// front of three nodes, Chromium signed in through nginx.</summary>
public sealed class ClusterBrowserTests
{
    private const string BobPassword = "Bob-Password-123";

    [Fact]
    public async Task ThroughNginx_TheDashboardShowsEveryNodesViewers_AndKicksOneOnAnotherNode()
    {
        await using var cluster = await TestCluster.StartAsync(
            ["a", "b", "c"],
            node => node.With("Proxy:KnownProxies:0", "127.0.0.1").With("Server:MaxConnectionsPerAddress", "0"),
            TestApp.Pattern("door"));
        using var nginx = NginxServer.Start(port => ReadmeSite(port, [cluster["a"].Address, cluster["b"].Address, cluster["c"].Address]));
        await cluster["a"].Get<UserAdministration>().CreateAsync("bob", BobPassword, Roles.Viewer, "admin");

        // bob's players, one on each node; the one on c is kicked from the dashboard.
        await using var onA = await StreamClient.OpenAsync(cluster["a"].Client("bob", BobPassword), "/stream/door");
        await using var onB = await StreamClient.OpenAsync(cluster["b"].Client("bob", BobPassword), "/stream/door");
        await using var onC = await StreamClient.OpenAsync(cluster["c"].Client("bob", BobPassword), "/stream/door");
        foreach (var stream in new[] { onA, onB, onC })
        {
            await stream.Reader.ReadPartAsync();
        }

        // A program's stream through nginx.
        using (var viaNginx = new HttpClient { BaseAddress = nginx.Address })
        {
            viaNginx.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", TestApp.AdminPassword);
            await using var proxied = await StreamClient.OpenAsync(viaNginx, "/stream/door");
            Assert.Equal(3, (await proxied.Reader.ReadPartsAsync(3)).Count);
        }

        await using var admin = await BrowserSession.OpenAsync(nginx.Address);
        await admin.SignInAsync();
        // Signed in through nginx, back on the dashboard at nginx's address, its tiles live over the socket.
        await admin.Page.WaitForURLAsync(new Regex($"^{Regex.Escape(nginx.Address.ToString())}$"));
        await admin.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img[data-tile]')].every(i => Number(i.dataset.frames || 0) > 0)");

        await admin.OpenAsync("/viewers");
        var nodes = admin.Page.Locator("[data-testid=viewer-table] tbody tr", new() { HasText = "bob" }).Locator("[data-testid=viewer-node]");
        await Assertions.Expect(nodes).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        Assert.Equal(["a", "b", "c"], (await nodes.AllInnerTextsAsync()).Select(t => t.Trim()).Order());
        await admin.ScreenshotAsync("cluster-viewers");

        var onCRow = admin.Page.Locator("[data-testid=viewer-table] tbody tr", new() { HasText = "bob" })
            .Filter(new() { Has = admin.Page.Locator("[data-testid=viewer-node]", new() { HasTextRegex = new Regex("^c$") }) });
        await onCRow.Locator("[data-testid=kick]").ClickAsync();
        await admin.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();

        using var ended = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (await onC.Reader.ReadPartAsync(ended.Token) is not null)
        {
        }

        await Assertions.Expect(nodes).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        Assert.NotNull(await onA.Reader.ReadPartAsync());
        Assert.NotNull(await onB.Reader.ReadPartAsync());
    }

    /// <summary>README's nginx site with the three nodes' addresses and a port of 127.0.0.1.</summary>
    private static string ReadmeSite(int port, Uri[] nodes)
    {
        var site = RepositoryFiles.ReadmeBlock("as `camdashboard-cluster.conf`", "nginx");
        for (var i = 0; i < nodes.Length; i++)
        {
            site = site.Replace($"10.0.0.{i + 1}:8080", $"127.0.0.1:{nodes[i].Port}", StringComparison.Ordinal);
        }

        Assert.Contains("listen 80;", site, StringComparison.Ordinal);
        return site.Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
    }
}
