using System.Diagnostics;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>The app as its own process, started the way a user runs it (<c>dotnet
/// CamDashboard.dll</c>) from the build output or from another folder (a published app), on a
/// free port of 127.0.0.1 with a fresh database; its console output is kept.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string _database;
    private readonly bool _ownsDatabase;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <param name="database">An existing database file to run on (kept when done), as after a restart; by default a fresh one.</param>
    /// <param name="port">The port of 127.0.0.1 to listen on; by default a free one.</param>
    public AppProcess(IDictionary<string, string> environment, string? directory = null, string? database = null, int? port = null)
    {
        _ownsDatabase = database is null;
        _database = database ?? TestApp.NewDatabasePath();
        Port = port ?? ExternalCamera.FreePort();
        directory ??= AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        info.ArgumentList.Add(Path.Combine(directory, "CamDashboard.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        info.Environment["Admin__Password"] = TestApp.AdminPassword;
        info.Environment["ConnectionStrings__CamDashboard"] = $"Data Source={_database}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        Process = Process.Start(info)!;
        Process.OutputDataReceived += (_, line) => Keep(line.Data);
        Process.ErrorDataReceived += (_, line) => Keep(line.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>What the app printed so far (log lines, stdout and stderr).</summary>
    public IReadOnlyCollection<string> Output => _output;

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Waits until the app answers HTTP at all.</summary>
    public async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        await Eventually.True(async () =>
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the app answers", 60);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
        if (_ownsDatabase)
        {
            File.Delete(_database);
        }
    }
}
