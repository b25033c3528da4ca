using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CamDashboard.Bench;

/// <summary>The app under test, started from its Release build with a benchmark camera, and
/// read from outside: /proc for CPU and RSS, the admin API for allocation and counters.</summary>
internal sealed class ServerProcess : IBenchServer
{
    public const string Password = "bench-password-1";
    private readonly Process _process;
    private readonly HttpClient _api;
    private readonly string _database;

    private ServerProcess(Process process, HttpClient api, string database, IPEndPoint endpoint)
    {
        _process = process;
        _api = api;
        _database = database;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public static string Authorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}"));

    /// <summary>Settings every server of this run gets (<c>--server-env KEY=VALUE</c>): for experiments, written beside their figures.</summary>
    public static Dictionary<string, string> Overrides { get; } = [];

    public static async Task<ServerProcess> StartAsync(string appDll, int port, IDictionary<string, string> extraSettings)
    {
        var database = Path.Combine(Path.GetTempPath(), $"camdashboard-bench-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", [appDll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Admin__Password"] = Password,
            ["ConnectionStrings__CamDashboard"] = $"Data Source={database}",
            ["Cameras__0__Id"] = "bench",
            ["Cameras__0__Name"] = "Benchmark camera",
            ["Cameras__0__Source"] = "testpattern",
            ["Cameras__0__Width"] = "1280",
            ["Cameras__0__Height"] = "720",
            ["Cameras__0__MaxFps"] = "30",
            ["Cameras__0__Texture"] = "true",
            // A thousand viewers from one address and one user: the abuse caps would refuse them.
            ["Server__MaxConnectionsPerAddress"] = "0",
            ["Streaming__MaxStreamsPerUser"] = "0",
            ["Streaming__MaxStreamsPerAddress"] = "0",
        };
        foreach (var (key, value) in extraSettings.Concat(Overrides))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[server] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        api.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Authorization);
        var server = new ServerProcess(process, api, database, new IPEndPoint(IPAddress.Loopback, port));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await api.GetAsync("/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}.");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not become healthy within 60 s.");
    }

    public int ProcessId => _process.Id;

    public double CpuSeconds() => ProcStat.CpuSeconds(_process);

    public async Task<JsonElement> ApiAsync(string path) => await _api.GetFromJsonAsync<JsonElement>(path);

    public long RssBytes() => ProcStat.RssBytes(_process);

    /// <summary>PATCH as the admin; throws unless the app took it.</summary>
    public async Task PatchAsync(string path, object body)
    {
        using var response = await _api.PatchAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    public async Task<long> AllocatedBytesAsync()
    {
        var stats = await _api.GetFromJsonAsync<JsonElement>("/api/server");
        return stats.GetProperty("allocatedBytes").GetInt64();
    }

    public async Task<(long Captured, long Encoded, double Fps)> CameraCountersAsync()
    {
        // Summed over the cameras (the tile grid has sixteen); fps is the first camera's.
        var cameras = (await _api.GetFromJsonAsync<JsonElement>("/api/cameras")).EnumerateArray().ToList();
        return (cameras.Sum(c => c.GetProperty("framesCaptured").GetInt64()), cameras.Sum(c => c.GetProperty("framesEncoded").GetInt64()), cameras[0].GetProperty("fps").GetDouble());
    }

    public async Task<int> ViewerCountAsync()
    {
        var viewers = await _api.GetFromJsonAsync<JsonElement>("/api/viewers");
        return viewers.GetArrayLength();
    }

    /// <summary>One JPEG of the benchmark camera, as viewers are sent it.</summary>
    public async Task<byte[]> SnapshotAsync() => await _api.GetByteArrayAsync("/snapshot/bench");

    /// <summary>How many viewers are on each tier now, e.g. "full 10, small 1".</summary>
    public async Task<string> TiersAsync()
    {
        var viewers = await _api.GetFromJsonAsync<JsonElement>("/api/viewers");
        return string.Join(", ", viewers.EnumerateArray()
            .GroupBy(v => v.GetProperty("tier").GetString())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}"));
    }

    public async Task WaitForViewersAsync(Func<int, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(await ViewerCountAsync()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_database);
    }
}
