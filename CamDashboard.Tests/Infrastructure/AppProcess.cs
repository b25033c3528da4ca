using System.Diagnostics;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>The app as its own process, started from the build output the way a user runs it
/// (<c>dotnet CamDashboard.dll</c>), on a free port of 127.0.0.1 with a fresh database.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string _database = TestApp.NewDatabasePath();

    public AppProcess(IDictionary<string, string> environment)
    {
        Port = ExternalCamera.FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CamDashboard.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        info.Environment["Admin__Password"] = TestApp.AdminPassword;
        info.Environment["ConnectionStrings__CamDashboard"] = $"Data Source={_database}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        Process = Process.Start(info)!;
        Process.OutputDataReceived += (_, _) => { };
        Process.ErrorDataReceived += (_, _) => { };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

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

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
        File.Delete(_database);
    }
}
