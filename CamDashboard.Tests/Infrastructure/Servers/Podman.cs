using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's podman as these machines run it: the runc runtime (crun fails on their cgroup
/// setup) and no default ulimits (refused here), from a containers.conf of its own. No image
/// registry is reachable, so the .NET images the Dockerfile names by default are stood in for by
/// images made from Debian itself: debootstrap, then this machine's own .NET (mounted while
/// building, copied into the runtime image) and NuGet cache and CA store (mounted while building).</summary>
public static class Podman
{
    public const string Base = "localhost/camdashboard-test-base:bookworm";
    public const string Sdk = "localhost/camdashboard-test-sdk:10.0";
    public const string Runtime = "localhost/camdashboard-test-aspnet:10.0";
    private const string HostDotnet = "/usr/share/dotnet";
    private static readonly string Config = WriteConfig();

    /// <summary>The containers.conf every podman call here uses (CONTAINERS_CONF).</summary>
    public static string ConfigPath => Config;
    private static readonly SemaphoreSlim StandIns = new(1, 1);

    /// <summary>The mounts a build of the Dockerfile gets here (see <see cref="StandInsAsync"/>).</summary>
    public static string[] BuildMounts =>
    [
        "-v", $"{HostDotnet}:/opt/host-dotnet:ro",
        "-v", $"{Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")}:/root/.nuget/packages",
        "-v", "/etc/ssl/certs:/etc/ssl/certs:ro",
    ];

    /// <summary>Runs podman; the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment["CONTAINERS_CONF"] = Config;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("podman did not start (apt-get install podman runc).");
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podman {string.Join(' ', args)} took over {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs podman and fails unless it succeeds; what it printed.</summary>
    public static async Task<string> MustAsync(TimeSpan timeout, params string[] args)
    {
        var (exit, output, error) = await RunAsync(timeout, args);
        Assert.True(exit == 0, $"podman {string.Join(' ', args)} failed ({exit}):\n{output}\n{error}");
        return output.Trim();
    }

    /// <summary>Makes the stand-ins for mcr.microsoft.com/dotnet/sdk:10.0 and aspnet:10.0, once per machine
    /// (the base is kept; .ci/run may make it ahead, while the solution builds).</summary>
    public static async Task StandInsAsync()
    {
        await StandIns.WaitAsync();
        try
        {
            if ((await RunAsync(TimeSpan.FromSeconds(30), "image", "exists", Base)).ExitCode != 0)
            {
                await MakeBaseAsync();
            }

            var folder = Directory.CreateTempSubdirectory("camdashboard-standins-").FullName;
            try
            {
                // The two share their first layer; both know dotnet as the official images do.
                var libraries = $"FROM {Base}\nRUN apt-get update && apt-get install -y --no-install-recommends libicu72 libssl3 ca-certificates && rm -rf /var/lib/apt/lists/*\nENV DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1\n";
                await File.WriteAllTextAsync(Path.Combine(folder, "sdk"), libraries + "RUN ln -s /opt/host-dotnet/dotnet /usr/bin/dotnet\n");
                await File.WriteAllTextAsync(Path.Combine(folder, "aspnet"), libraries
                    + "RUN mkdir -p /usr/share/dotnet/shared && cp -a /opt/host-dotnet/dotnet /opt/host-dotnet/host /usr/share/dotnet/ "
                    + "&& cp -a /opt/host-dotnet/shared/Microsoft.NETCore.App /opt/host-dotnet/shared/Microsoft.AspNetCore.App /usr/share/dotnet/shared/ "
                    + "&& ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet\n");
                foreach (var (file, tag) in new[] { ("sdk", Sdk), ("aspnet", Runtime) })
                {
                    await MustAsync(TimeSpan.FromMinutes(5), ["build", "-q", "-v", $"{HostDotnet}:/opt/host-dotnet:ro", "-f", Path.Combine(folder, file), "-t", tag, folder]);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        finally
        {
            StandIns.Release();
        }
    }

    private static async Task MakeBaseAsync()
    {
        var root = Directory.CreateTempSubdirectory("camdashboard-debootstrap-").FullName;
        try
        {
            await Shell.RunAsync($"debootstrap --variant=minbase bookworm '{root}' http://deb.debian.org/debian && tar -C '{root}' -c . | CONTAINERS_CONF='{Config}' podman import - {Base}", TimeSpan.FromMinutes(10));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string WriteConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), "camdashboard-containers.conf");
        File.WriteAllText(path, "[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = \"runc\"\n");
        return path;
    }
}
