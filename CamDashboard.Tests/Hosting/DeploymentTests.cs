using System.Net;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Hosting;

/// <summary>The app as people run it, not as the tests host it.</summary>
[Collection(PublishedBuildTests.Name)]
public sealed class DeploymentTests(PublishedBuild published)
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
        Assert.True(File.Exists(Path.Combine(published.Folder, "camdashboard.service")), "the systemd unit is published beside the app");

        await using var app = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, published.Folder);
        await app.WaitUntilServingAsync();
        using var client = new HttpClient { BaseAddress = app.Address };
        foreach (var asset in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.css", "/css/app.css", "/Account/Login" })
        {
            using var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        // A first start on a fresh database is quiet: a warning here would greet every deployer.
        Assert.DoesNotContain(app.Output, line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("warn:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePublishedApp_WithoutOpenCvsNativeLibrary_StopsAtStart_SayingWhatToInstall()
    {
        var broken = published.Copy();
        try
        {
            foreach (var native in Directory.GetFiles(broken, "libOpenCvSharpExtern.so", SearchOption.AllDirectories))
            {
                File.Delete(native);
            }

            await using var app = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, broken);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.Process.WaitForExitAsync(exited.Token);
            Assert.NotEqual(0, app.Process.ExitCode);
            await Eventually.True(() => app.Output.Any(l => l.Contains("OpenCV's native library (OpenCvSharpExtern) could not be loaded", StringComparison.Ordinal)
                && l.Contains("apt-get install libgtk-3-0 libatomic1", StringComparison.Ordinal)), $"the start-up error says what is missing: {string.Join('\n', app.Output)}");
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public async Task TheSystemdUnit_Verifies_AndIsLockedDown_ToAtMostThreeInSystemdsExposureScore()
    {
        var unit = RepositoryFiles.Find("CamDashboard/camdashboard.service");
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
}
