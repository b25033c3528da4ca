using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's Prometheus on 127.0.0.1 with a scrape configuration (README's, its target
/// replaced), scraping every second, its data in a temp folder. Stopped when disposed.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _client;

    private PrometheusServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <summary>Runs Prometheus with <paramref name="scrapeConfigs"/> (a <c>scrape_configs:</c> block).</summary>
    public static PrometheusServer Start(string scrapeConfigs)
    {
        var port = ExternalCamera.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"camdashboard-prometheus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n{scrapeConfigs}");
        var start = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={folder}/data", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start (apt-get install prometheus).");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        ExternalCamera.WaitUntilListening(port, process);
        return new PrometheusServer(process, folder, port);
    }

    /// <summary>The series an instant query of <paramref name="expression"/> returns now.</summary>
    public async Task<int> SeriesAsync(string expression)
    {
        using var response = await _client.GetAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"Prometheus refused '{expression}': {body}");
        return body.GetProperty("data").GetProperty("result").GetArrayLength();
    }

    /// <summary>The health of each scrape target ("up" when the last scrape worked), with its last error.</summary>
    public async Task<string> TargetsAsync() => await _client.GetStringAsync("api/v1/targets");

    public void Dispose()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
