using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Hosting;

/// <summary>The Dockerfile and compose.yaml as a self-hoster runs them (issue 18, item 1), with
/// podman and podman-compose: health, a stream and a snapshot from outside, a clean stop on
/// SIGTERM, a restart and a new container on the same volume keeping the admin, cameras, tokens
/// and keys; then README's two podman lines.</summary>
public sealed class ContainerTests
{
    private const string Password = "Container-Admin-Password-1";

    [Fact]
    public async Task ComposeUp_Serves_StopsOnSigterm_KeepsItsDataOnTheVolume_AndReadmesPodmanLinesRunIt()
    {
        await Podman.StandInsAsync();
        var project = $"cdtest{Guid.NewGuid():N}"[..14];
        var image = $"localhost/{project}";
        var container = $"{project}_camdashboard_1";
        var volume = $"{project}_camdashboard-data";
        var port = ExternalCamera.FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", Password);
        try
        {
            // docker compose up -d --build, as README says, with the admin password and port in the environment.
            await ComposeAsync(project, image, port, Password, "up", "-d", "--build", "--build-arg", $"SDK_IMAGE={Podman.Sdk}", "--build-arg", $"RUNTIME_IMAGE={Podman.Runtime}");
            await HealthyAsync(client);

            // Docker's own check (HEALTHCHECK) passes, and the app is not root in there.
            Assert.Equal(0, (await Podman.RunAsync(TimeSpan.FromSeconds(30), "healthcheck", "run", container)).ExitCode);
            Assert.Equal("10001", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", container, "id", "-u"));

            // With no camera configured, the built-in test patterns stream and snapshot.
            var camera = (await client.GetFromJsonAsync<JsonElement>("api/cameras"))[0].GetProperty("id").GetString()!;
            using (var streaming = new HttpClient { BaseAddress = client.BaseAddress })
            {
                streaming.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", Password);
                await using var stream = await StreamClient.OpenAsync(streaming, $"stream/{camera}");
                Assert.Equal(3, (await stream.Reader.ReadPartsAsync(3)).Count);
            }

            await SnapshotAsync(client, camera);

            // What the database and the keys hold: a camera, a token, a signed-in cookie.
            (await client.PostAsJsonAsync("api/cameras", new { id = "yard", source = "testpattern" })).EnsureSuccessStatusCode();
            using var created = await client.PostAsJsonAsync("api/tokens", new { name = "wall", camera = (string?)null });
            var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress };
            using (var signedIn = await FormSignIn.PostAsync(browser, "admin", Password))
            {
                Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
            }

            // SIGTERM: a clean stop, well within compose's grace period; then a restart.
            var stopping = Stopwatch.StartNew();
            await Podman.MustAsync(TimeSpan.FromMinutes(1), "stop", "--time", "15", container);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopped in {stopping.Elapsed}");
            Assert.Equal("0", await Podman.MustAsync(TimeSpan.FromSeconds(30), "inspect", container, "--format", "{{.State.ExitCode}}"));
            await Podman.MustAsync(TimeSpan.FromMinutes(1), "start", container);
            await HealthyAsync(client);
            await KeptAsync(client, token, browser);

            // down and up again (an upgrade): a new container on the same volume keeps it all, and
            // the admin made at the first start, whatever password the new one is given.
            await ComposeAsync(project, image, port, Password, "down");
            await ComposeAsync(project, image, port, "Another-Admin-Password-1", "up", "-d", "--no-build");
            await HealthyAsync(client);
            await KeptAsync(client, token, browser);
            await ComposeAsync(project, image, port, Password, "down");

            // README's podman lines, on the same image (its layers are cached) and a fresh volume.
            var readme = RepositoryFiles.ReadmeBlock("these two lines", "sh").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var build = readme[0].Split(' ');
            Assert.Equal(["podman", "build", "--format", "docker", "-t", "camdashboard", "."], build);
            await Podman.MustAsync(TimeSpan.FromMinutes(10), [.. build[1..^3], .. Podman.BuildMounts,
                "--build-arg", $"SDK_IMAGE={Podman.Sdk}", "--build-arg", $"RUNTIME_IMAGE={Podman.Runtime}", "-t", image, RepositoryRoot()]);
            var run = readme[1].Split(' ');
            Assert.Equal(["podman", "run", "-d", "--name", "camdashboard", "-p", "5080:8080", "-v", "camdashboard-data:/data", "-e", "Admin__Password=choose-a-password", "camdashboard"], run);
            await Podman.MustAsync(TimeSpan.FromMinutes(1), "run", "-d", "--name", container, "-p", $"127.0.0.1:{port}:8080", "-v", $"{project}-readme:/data", "-e", $"Admin__Password={Password}", image);
            await HealthyAsync(client);
            await SnapshotAsync(client, camera);
        }
        finally
        {
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "rm", "--force", container);
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "volume", "rm", "--force", volume, $"{project}-readme");
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "network", "rm", "--force", $"{project}_default");
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "image", "rm", "--force", image);
        }
    }

    private static string RepositoryRoot() => Path.GetDirectoryName(RepositoryFiles.Find("compose.yaml"))!;

    /// <summary>podman-compose on the repository's compose.yaml, the project's settings in its environment as .env would give them.</summary>
    private static async Task ComposeAsync(string project, string image, int port, string password, params string[] command)
    {
        var start = new ProcessStartInfo("podman-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() };
        foreach (var arg in (string[])["-p", project, "-f", "compose.yaml", "--podman-build-args", string.Join(' ', ["--format", "docker", .. Podman.BuildMounts]), .. command])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CONTAINERS_CONF"] = Podman.ConfigPath;
        start.Environment["CAMDASHBOARD_ADMIN_PASSWORD"] = password;
        start.Environment["CAMDASHBOARD_PORT"] = $"127.0.0.1:{port}";
        start.Environment["CAMDASHBOARD_IMAGE"] = image;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("podman-compose did not start (apt-get install podman-compose).");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"podman-compose {string.Join(' ', command)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private static Task HealthyAsync(HttpClient client) =>
        Eventually.True(async () =>
        {
            try
            {
                using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
                return await anonymous.GetStringAsync("healthz") == "Healthy";
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the container answers /healthz: Healthy", 90);

    private static async Task SnapshotAsync(HttpClient client, string camera)
    {
        using var snapshot = await client.GetAsync($"snapshot/{camera}");
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        Assert.True(await snapshot.Content.ReadAsByteArrayAsync() is [0xFF, 0xD8, ..], "a JPEG");
    }

    private static async Task KeptAsync(HttpClient client, string token, HttpClient browser)
    {
        var cameras = await client.GetFromJsonAsync<JsonElement>("api/cameras");
        Assert.Contains("yard", cameras.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        await SnapshotAsync(client, "yard");
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"snapshot/yard?token={token}")).StatusCode);
        // The cookie from before still opens an admin page: the data-protection keys are on the volume.
        using var page = await browser.GetAsync("users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
