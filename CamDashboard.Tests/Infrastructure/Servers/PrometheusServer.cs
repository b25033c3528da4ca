using System.Net.Http.Json;
using System.Text.Json;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's Prometheus on 127.0.0.1 with a scrape configuration (README's, its target
/// replaced), scraping every second, its data in its own folder. Stopped when disposed.</summary>
public sealed class PrometheusServer : LocalServer
{
    private readonly HttpClient _client;

    private PrometheusServer()
        : base("prometheus") => _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };

    /// <summary>Runs Prometheus with <paramref name="scrapeConfigs"/> (a <c>scrape_configs:</c> block).</summary>
    public static PrometheusServer Start(string scrapeConfigs)
    {
        var server = new PrometheusServer();
        var config = Path.Combine(server.Folder, "prometheus.yml");
        File.WriteAllText(config, $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n{scrapeConfigs}");
        server.Run("prometheus", "prometheus", [$"--config.file={config}", $"--storage.tsdb.path={server.Folder}/data", $"--web.listen-address=127.0.0.1:{server.Port}"]);
        return server;
    }

    /// <summary>Waits until Prometheus answers queries (it listens before its database is open: 503 until then).</summary>
    public Task ReadyAsync() => Eventually.True(async () =>
    {
        using var ready = await _client.GetAsync("-/ready");
        return ready.IsSuccessStatusCode;
    }, "Prometheus is ready", 30);

    /// <summary>The series an instant query of <paramref name="expression"/> returns now.</summary>
    public async Task<int> SeriesAsync(string expression)
    {
        using var response = await _client.GetAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"Prometheus refused '{expression}': {body}");
        return body.GetProperty("data").GetProperty("result").GetArrayLength();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }
}
