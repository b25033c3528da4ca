using System.Net;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Hosting;

/// <summary>The app as people run it, not as the tests host it.</summary>
public sealed class DeploymentTests
{
    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/css/app.css")]
    public async Task TheBuildOutput_InProduction_ServesTheDashboardsAssets(string asset)
    {
        await using var app = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        await app.WaitUntilServingAsync();
        using var client = new HttpClient { BaseAddress = app.Address };
        using var response = await client.GetAsync(asset);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ThePublishedApp_InProduction_ServesAWorkingDashboard_AndCarriesItsSystemdUnit()
    {
        var output = Path.Combine(Path.GetTempPath(), "camdashboard-publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PublishAsync(output);
            Assert.True(File.Exists(Path.Combine(output, "camdashboard.service")), "the systemd unit is published beside the app");

            await using (var app = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, output))
            {
                await app.WaitUntilServingAsync();
                using var client = new HttpClient { BaseAddress = app.Address };
                foreach (var asset in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.css", "/css/app.css", "/Account/Login" })
                {
                    using var response = await client.GetAsync(asset);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
                }

                Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
                Assert.DoesNotContain(app.Output, line => line.Contains("fail:", StringComparison.Ordinal));
            }

            // A box without OpenCV's native library (or one it needs) is told so at start, with what to install.
            foreach (var native in Directory.GetFiles(output, "libOpenCvSharpExtern.so", SearchOption.AllDirectories))
            {
                File.Delete(native);
            }

            await using var broken = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, output);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await broken.Process.WaitForExitAsync(exited.Token);
            Assert.NotEqual(0, broken.Process.ExitCode);
            await Eventually.True(() => broken.Output.Any(l => l.Contains("OpenCV's native library (OpenCvSharpExtern) could not be loaded", StringComparison.Ordinal)
                && l.Contains("apt-get install libgtk-3-0 libatomic1", StringComparison.Ordinal)), $"the start-up error says what is missing: {string.Join('\n', broken.Output)}");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public async Task TheSystemdUnit_Verifies_AndIsLockedDown_ToAtMostThreeInSystemdsExposureScore()
    {
        var unit = Path.Combine(RepositoryRoot(), "CamDashboard", "camdashboard.service");
        var (verified, verifyOutput) = await RunAsync("systemd-analyze", "verify", unit);
        Assert.True(verified == 0, verifyOutput);

        var (_, security) = await RunAsync("systemd-analyze", "security", "--offline=true", unit);
        var overall = System.Text.RegularExpressions.Regex.Match(security, @"Overall exposure level for camdashboard\.service: (?<score>\d+\.\d)");
        Assert.True(overall.Success, security);
        Assert.InRange(double.Parse(overall.Groups["score"].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 3.0);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static async Task PublishAsync(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "CamDashboard", "CamDashboard.csproj");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", output, "--nologo", "-p:UseSharedCompilation=false" })
        {
            info.ArgumentList.Add(argument);
        }

        using var publish = System.Diagnostics.Process.Start(info)!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await log}\n{await errors}");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CamDashboard.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
