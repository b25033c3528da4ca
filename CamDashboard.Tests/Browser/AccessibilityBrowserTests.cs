using System.Text.Json;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>axe-core (npm) on every page, light and dark: no moderate, serious or critical violation, no empty table header, and
/// every page has its <c>main</c> landmark and one <c>h1</c>.</summary>
public sealed class AccessibilityBrowserTests
{
    private static readonly string[] Pages = ["/", "/?group=outside", "/?kiosk=1", "/cameras/cam", "/viewers", "/users", "/tokens", "/audit", "/bans", "/cameras", "/groups"];

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task EveryPage_HasNoModerateSeriousOrCriticalAxeViolation(ColorScheme scheme)
    {
        var axe = await File.ReadAllTextAsync(AxeScript());
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app, colorScheme: scheme);
        var violations = new List<string>();

        await browser.Page.GotoAsync("/account/login");
        violations.AddRange(await CheckAsync(browser.Page, axe, "/account/login"));
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        // A row in every table: a viewer, a ban, an audit entry.
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartAsync();
        await app.Get<IViewerBans>().BanAsync(new ViewerDescription("cam", ViewerKind.Mjpeg, "mallory", "10.0.0.9", "curl"), DateTimeOffset.UtcNow.AddMinutes(5), "admin", default);
        // A group (its table, the grid's group choice) and activity watched (the camera page's panel, a badge).
        await app.Get<CamDashboard.Groups.CameraGroups>().SaveAsync(null, "Outside", ["cam"], "admin", default);
        var cam = app.Get<CamDashboard.Streaming.Cameras.CameraCatalog>().Find("cam")!;
        await app.Get<CamDashboard.Streaming.Management.CameraSettingsUpdater>().ApplyAsync(cam, cam.Settings with { Activity = new() }, "admin", default);

        var background = scheme == ColorScheme.Dark ? "rgb(50, 51, 61)" : "rgb(255, 255, 255)";
        foreach (var path in Pages)
        {
            await browser.OpenAsync(path);
            // Checked in the scheme's colors, not while the page turns from the prerendered light.
            await browser.Page.WaitForFunctionAsync(
                "color => getComputedStyle(document.body).backgroundColor === color && !document.getAnimations().some(a => a instanceof CSSTransition)", background);
            violations.AddRange(await CheckAsync(browser.Page, axe, path));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string axe, string path)
    {
        await page.AddScriptTagAsync(new() { Content = axe });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact !== 'minor' || v.id === 'empty-table-header' || v.id === 'landmark-one-main' || v.id === 'page-has-heading-one')" +
            ".map(v => ({ id: v.id, nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')) }))");
        return json.EnumerateArray().SelectMany(v => v.GetProperty("nodes").EnumerateArray()
            .Select(n => $"{path}: {v.GetProperty("id").GetString()}: {n.GetString()}"));
    }

    private static string AxeScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("axe-core is missing: the test project's build runs `npm ci` (needs npm) in CamDashboard.Tests.");
    }
}
