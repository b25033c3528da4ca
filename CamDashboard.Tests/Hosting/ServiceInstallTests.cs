using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Hosting;

/// <summary>README's service install, line by line as written, on Debian 12 under systemd (in a
/// podman container running systemd as its init): the unit starts with all its hardening, serves
/// as its own user, and keeps its data in a directory only that user reads.</summary>
public sealed class ServiceInstallTests
{
    [Fact]
    public async Task ReadmesServiceBlock_AsWritten_InstallsAndStartsTheUnit()
    {
        var block = RepositoryFiles.ReadmeBlock("### As a service on Debian or Ubuntu", "sh").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        // The journal line follows the log for ever: it is the one line not run.
        Assert.Equal("journalctl -u camdashboard -f", block[^1]);
        block.RemoveAt(block.Count - 1);

        await Podman.StandInsAsync();
        var name = $"cdservice{Guid.NewGuid():N}"[..16];
        var image = $"localhost/{name}";
        var folder = Directory.CreateTempSubdirectory("camdashboard-systemd-").FullName;
        try
        {
            // Debian with systemd as init and sudo, on the stand-in for the .NET runtime image; the SDK is this machine's, mounted.
            await File.WriteAllTextAsync(Path.Combine(folder, "Containerfile"),
                $"FROM {Podman.Runtime}\nRUN apt-get update && apt-get install -y --no-install-recommends systemd systemd-sysv sudo curl && rm -rf /var/lib/apt/lists/*\nCMD [\"/sbin/init\"]\n");
            await Podman.MustAsync(TimeSpan.FromMinutes(5), "build", "-q", "-t", image, folder);
            var root = Path.GetDirectoryName(RepositoryFiles.Find("compose.yaml"))!;
            await Podman.MustAsync(TimeSpan.FromMinutes(1), [
                "run", "-d", "--name", name, "--systemd=always", "--privileged", .. Podman.BuildMounts, "-v", $"{root}:/src:ro", image]);
            await Eventually.True(async () => (await Podman.RunAsync(TimeSpan.FromSeconds(30), "exec", name, "systemctl", "is-system-running")).Output.Trim() is "running" or "degraded", "systemd is up", 60);

            // A checkout (its sources, not this machine's build output), then README's lines in it, stopping at the first that fails.
            var script = string.Join('\n', [
                "set -euo pipefail",
                "mkdir /home/checkout && cd /src && tar --exclude=bin --exclude=obj --exclude=node_modules -c Directory.Build.props Directory.Packages.props global.json .editorconfig CamDashboard CamDashboard.Streaming wwwroot | tar -x -C /home/checkout",
                "cd /home/checkout && export PATH=/opt/host-dotnet:$PATH DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1",
                .. block]);
            await Podman.MustAsync(TimeSpan.FromMinutes(10), "exec", name, "bash", "-c", script);

            await Eventually.True(async () => (await Podman.RunAsync(TimeSpan.FromSeconds(30), "exec", name, "curl", "-fsS", "http://127.0.0.1:5080/healthz")).Output == "Healthy", "the service answers /healthz", 60);
            Assert.Equal("active", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", name, "systemctl", "is-active", "camdashboard"));
            Assert.Equal("enabled", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", name, "systemctl", "is-enabled", "camdashboard"));
            // README's password signs in; the app runs as its own user; its data is its own.
            Assert.Equal("200", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", name, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "admin:choose-a-password", "http://127.0.0.1:5080/api/cameras"));
            Assert.Equal("camdashboard", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", name, "bash", "-c", "ps -o user= -p $(systemctl show -p MainPID --value camdashboard)"));
            Assert.Equal("700 camdashboard", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", name, "stat", "-c", "%a %U", "/var/lib/camdashboard"));
        }
        finally
        {
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "rm", "--force", name);
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "image", "rm", "--force", image);
            Directory.Delete(folder, recursive: true);
        }
    }
}
