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
    private const string Down = "metrics-down";

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
    public async Task EachCamera_HasOneSeriesPerState_TheOneItIsInAtOne_AndEncodeTimesAsAHistogram()
    {
        await using var app = new TestApp(TestApp.Pattern(Camera, fps: 30), new() { Id = Down, Source = "http://127.0.0.1:1/video.mjpg" });
        using var admin = app.Client();
        await using var stream = await StreamClient.OpenAsync(app.Client(), $"/stream/{Camera}");
        await stream.Reader.ReadPartsAsync(3);
        await Eventually.True(async () => Value(await admin.GetStringAsync("/metrics"), "camdashboard_camera_state", state: "unreachable", camera: Down) == 1, "the camera nobody can reach is unreachable");

        var scrape = await admin.GetStringAsync("/metrics");
        var states = Enum.GetNames<CamDashboard.Streaming.Cameras.CameraState>().Select(n => n.ToLowerInvariant()).ToList();
        foreach (var camera in new[] { Camera, Down })
        {
            // Every state, always: a graph's series never come and go with the state.
            Assert.Equal(states.Order(), Samples(scrape, "camdashboard_camera_state", camera).Select(s => Label(s.Labels, "state")).Order());
            Assert.Equal(1, Samples(scrape, "camdashboard_camera_state", camera).Sum(s => s.Value));
        }

        Assert.Equal(1, Value(scrape, "camdashboard_camera_state", state: "live"));
        Assert.Equal(1, Value(scrape, "camdashboard_camera_up"));
        Assert.Equal(0, Value(scrape, "camdashboard_camera_up", camera: Down));
        Assert.DoesNotContain("state=", string.Join('\n', Samples(scrape, "camdashboard_camera_up", Camera).Select(s => s.Labels)), StringComparison.Ordinal);

        // Encode time in Prometheus's seconds buckets; the capture rate is rate() of the frames counter, not a gauge.
        Assert.Equal(
            [.. CamDashboard.Streaming.Metrics.EncodeDurations.Buckets.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)), "+Inf"],
            Samples(scrape, "camdashboard_camera_encode_duration_seconds_bucket", Camera).Select(s => Label(s.Labels, "le")));
        Assert.True(Value(scrape, "camdashboard_camera_encode_duration_seconds_count") >= 3);
        Assert.DoesNotContain("camdashboard_camera_capture_rate", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("camdashboard_camera_encode_time", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheShippedGrafanaDashboard_GraphsWhatARealPrometheusScrapesWithReadmesConfiguration()
    {
        await using var app = new TestApp(TestApp.Pattern(Camera, fps: 30)).With("Metrics:ScrapeToken", ScrapeToken);
        await using var stream = await StreamClient.OpenAsync(app.Client(), $"/stream/{Camera}");
        await stream.Reader.ReadPartsAsync(3);
        var config = RepositoryFiles.ReadmeBlock("**Metrics.**", "yaml");
        Assert.Contains("camera-box:5080", config, StringComparison.Ordinal);
        using var prometheus = Infrastructure.Servers.PrometheusServer.Start(config
            .Replace("camera-box:5080", $"127.0.0.1:{app.Address.Port}", StringComparison.Ordinal)
            .Replace("the-Metrics:ScrapeToken-value", ScrapeToken, StringComparison.Ordinal));

        await prometheus.ReadyAsync();
        var dashboard = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Find("CamDashboard/grafana-dashboard.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(expressions.Count >= 10, "the dashboard has its panels");

        // Every panel's query, as Grafana sends it (its rate interval at four 1 s scrapes), gets series from Prometheus...
        foreach (var expression in expressions)
        {
            var query = expression.Replace("$__rate_interval", "5s", StringComparison.Ordinal);
            await Eventually.True(async () => await prometheus.SeriesAsync(query) > 0, $"'{query}' has series (see Prometheus's api/v1/targets)", timeoutSeconds: 30);
        }

        // ...and every metric it asks for is in the app's own scrape (not only a series some rule made up).
        var scrape = await app.Client().GetStringAsync("/metrics");
        foreach (var metric in expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct())
        {
            Assert.Matches(new Regex($"^{metric}[{{ ]", RegexOptions.Multiline), scrape);
        }
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

    /// <summary>The sample of <paramref name="metric"/> for <paramref name="camera"/> (this test's, unless named), and the viewer kind or state, if given.</summary>
    private static double Value(string scrape, string metric, string? kind = null, string? state = null, string camera = Camera)
    {
        foreach (var (labels, value) in Samples(scrape, metric, camera))
        {
            if ((kind is null || Label(labels, "kind") == kind) && (state is null || Label(labels, "state") == state))
            {
                return value;
            }
        }

        return kind is null ? throw new Xunit.Sdk.XunitException($"{metric} not in the scrape:\n{scrape}") : 0;
    }

    private static IEnumerable<(string Labels, double Value)> Samples(string scrape, string metric, string camera) =>
        from Match sample in Sample().Matches(scrape)
        where sample.Groups["name"].Value == metric && Label(sample.Groups["labels"].Value, "camera") == camera
        select (sample.Groups["labels"].Value, double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static string? Label(string labels, string name) =>
        Regex.Match(labels, $"(?:^|,){name}=\"(?<value>[^\"]*)\"") is { Success: true } m ? m.Groups["value"].Value : null;

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"\b(?:camdashboard|dotnet|http_server|kestrel)_[a-z_]+")]
    private static partial Regex MetricName();
}
