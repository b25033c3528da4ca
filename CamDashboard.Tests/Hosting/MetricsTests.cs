using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CamDashboard.Tests.Hosting;

/// <summary><c>/metrics</c> as Prometheus scrapes it.</summary>
[Collection(ProcessWide.Name)]
public sealed partial class MetricsTests
{
    private const string ScrapeToken = "scrape-token-0123456789";

    // An id no other test's camera has, so a sample can only come from this test's app.
    private const string Camera = "metrics-probe";

    [Fact]
    public async Task AScrape_ShowsAViewerArriveAndLeave_WithWhatItWasSent()
    {
        await using var app = new TestApp(TestApp.Pattern(Camera, fps: 30));
        using var admin = app.Client();

        await using (var stream = await StreamClient.OpenAsync(app.Client(), $"/stream/{Camera}"))
        {
            await stream.Reader.ReadPartsAsync(3);
            await Eventually.True(async () => Value(await admin.GetStringAsync("/metrics"), "camdashboard_viewers", "mjpeg") == 1, "the viewer is in the metrics");
            var during = await admin.GetStringAsync("/metrics");
            Assert.True(Value(during, "camdashboard_camera_frames_captured_total") > 0);
            Assert.Equal(1, Value(during, "camdashboard_camera_up"));
        }

        await Eventually.True(async () => Value(await admin.GetStringAsync("/metrics"), "camdashboard_viewers", "mjpeg") == 0, "the viewer left the metrics");
        var after = await admin.GetStringAsync("/metrics");
        // What it was sent stays counted after it left (a counter never goes down).
        Assert.True(Value(after, "camdashboard_viewer_sent_bytes_total", "mjpeg") > 3 * 1000);
        Assert.True(Value(after, "camdashboard_viewer_frames_sent_total", "mjpeg") >= 3);
        // Runtime and Kestrel meters come along.
        Assert.Contains("kestrel_", after, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminsOrTheScrapeToken_MayScrape()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Metrics:ScrapeToken", ScrapeToken);
        await app.Get<UserAdministration>().CreateAsync("watcher", "Watcher-Password-1", Roles.Viewer, "admin");

        using var anonymous = app.Client(user: null);
        using var refused = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);

        using var viewer = app.Client("watcher", "Watcher-Password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/metrics")).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-token-wrong-guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        using var scraped = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("camdashboard_camera_frames_captured_total", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousScraping_OnlyWhenConfigured()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Metrics:AllowAnonymous", "true");
        using var anonymous = app.Client(user: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task AShortScrapeToken_StopsStartUp_NamingTheKey()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Metrics:ScrapeToken", "short");
        var error = Assert.Throws<OptionsValidationException>(() => app.Address);
        Assert.Contains("Metrics:ScrapeToken", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The sample of <paramref name="metric"/> for this test's camera (and the viewer kind, if given).</summary>
    private static double Value(string scrape, string metric, string? kind = null)
    {
        foreach (Match sample in Sample().Matches(scrape))
        {
            var labels = sample.Groups["labels"].Value;
            if (sample.Groups["name"].Value == metric && labels.Contains($"camera=\"{Camera}\"", StringComparison.Ordinal)
                && (kind is null || labels.Contains($"kind=\"{kind}\"", StringComparison.Ordinal)))
            {
                return double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return kind is null ? throw new Xunit.Sdk.XunitException($"{metric} not in the scrape:\n{scrape}") : 0;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
