using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Hosting;

/// <summary>The Dockerfile built and run with podman as compose.yaml runs it (issue 18, item 1):
/// health, a stream and a snapshot from outside, a clean stop on SIGTERM, and a restart and a new
/// container on the same volume keeping the users, cameras, tokens and keys.</summary>
public sealed class ContainerTests
{
    private const string Password = "Container-Admin-Password-1";

    [Fact]
    public async Task TheImage_RunAsComposeRunsIt_Serves_StopsOnSigterm_AndKeepsItsDataOnTheVolume()
    {
        // What compose.yaml gives the container is what this test gives it.
        var compose = File.ReadAllText(RepositoryFiles.Find("compose.yaml"));
        Assert.Contains(":8080\"", compose, StringComparison.Ordinal);
        Assert.Contains("camdashboard-data:/data", compose, StringComparison.Ordinal);
        Assert.Contains("Admin__Password: ${CAMDASHBOARD_ADMIN_PASSWORD", compose, StringComparison.Ordinal);

        // README's two lines, as written, but for the stand-in base images, a name and a port of
        // 127.0.0.1 of this test's own, and a test camera.
        var readme = RepositoryFiles.ReadmeBlock("these two lines", "sh").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("podman build --format docker -t camdashboard .", readme[0]);
        var run = readme[1].Split(' ');
        Assert.Equal(["podman", "run", "-d", "--name", "camdashboard", "-p", "5080:8080", "-v", "camdashboard-data:/data", "-e", "Admin__Password=choose-a-password", "camdashboard"], run);

        await Podman.StandInsAsync();
        var name = $"camdashboard-test-{Guid.NewGuid():N}"[..28];
        var image = $"localhost/{name}";
        try
        {
            await Podman.MustAsync(TimeSpan.FromMinutes(10), [
                .. readme[0].Split(' ')[1..^3], .. Podman.BuildMounts,
                "--build-arg", $"SDK_IMAGE={Podman.Sdk}", "--build-arg", $"RUNTIME_IMAGE={Podman.Runtime}",
                "-t", image, RepositoryFiles.Find("Dockerfile")[..^"/Dockerfile".Length]]);
            var port = ExternalCamera.FreePort();
            await Podman.MustAsync(TimeSpan.FromMinutes(1), Run(name, image, port, Password));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            client.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", Password);
            await HealthyAsync(client);

            // Docker's own check (HEALTHCHECK) passes, and the app is not root in there.
            Assert.Equal(0, (await Podman.RunAsync(TimeSpan.FromSeconds(30), "healthcheck", "run", name)).ExitCode);
            Assert.Equal("10001", await Podman.MustAsync(TimeSpan.FromSeconds(30), "exec", name, "id", "-u"));

            await using (var stream = await StreamClient.OpenAsync(Client(port), "stream/door"))
            {
                Assert.Equal(3, (await stream.Reader.ReadPartsAsync(3)).Count);
            }

            await SnapshotAsync(client, "door");

            // Things kept in the database and the keys: a camera, a token, a signed-in cookie.
            (await client.PostAsJsonAsync("api/cameras", new { id = "yard", source = "testpattern" })).EnsureSuccessStatusCode();
            using var created = await client.PostAsJsonAsync("api/tokens", new { name = "wall", camera = (string?)null });
            var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress };
            using (var signedIn = await FormSignIn.PostAsync(browser, "admin", Password))
            {
                Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
            }

            // SIGTERM: a clean stop, well within compose's grace period.
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            await Podman.MustAsync(TimeSpan.FromMinutes(1), "stop", "--time", "15", name);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopped in {stopping.Elapsed}");
            Assert.Equal("0", await Podman.MustAsync(TimeSpan.FromSeconds(30), "inspect", name, "--format", "{{.State.ExitCode}}"));

            await Podman.MustAsync(TimeSpan.FromMinutes(1), "start", name);
            await HealthyAsync(client);
            await KeptAsync(client, port, token, browser);

            // A new container on the same volume (an upgrade) keeps it all too: the admin made at the
            // first start stays, whatever password the new container is given.
            await Podman.MustAsync(TimeSpan.FromMinutes(1), "rm", "--force", name);
            await Podman.MustAsync(TimeSpan.FromMinutes(1), Run(name, image, port, "Another-Admin-Password-1"));
            await HealthyAsync(client);
            await KeptAsync(client, port, token, browser);
        }
        finally
        {
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "rm", "--force", name);
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "volume", "rm", "--force", name);
            await Podman.RunAsync(TimeSpan.FromMinutes(1), "image", "rm", "--force", image);
        }
    }

    /// <summary>README's <c>podman run</c> with this test's name, port, volume, password and image, and a test camera.</summary>
    private static string[] Run(string name, string image, int port, string password) =>
    [
        "run", "-d", "--name", name, "-p", $"127.0.0.1:{port}:8080", "-v", $"{name}:/data", "-e", $"Admin__Password={password}",
        "-e", "Cameras__0__Id=door", "-e", "Cameras__0__Source=testpattern", image,
    ];

    private static HttpClient Client(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", Password);
        return client;
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
        var jpeg = await snapshot.Content.ReadAsByteArrayAsync();
        Assert.True(jpeg is [0xFF, 0xD8, ..], "a JPEG");
    }

    private static async Task KeptAsync(HttpClient client, int port, string? token, HttpClient browser)
    {
        var cameras = await client.GetFromJsonAsync<JsonElement>("api/cameras");
        Assert.Contains("yard", cameras.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        await SnapshotAsync(client, "yard");
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"snapshot/door?token={token}")).StatusCode);
        // The cookie from before still opens the dashboard: the data-protection keys are on the volume.
        using var page = await browser.GetAsync("users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
