using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CamDashboard.Auth;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using CamDashboard.Tests.Streaming;

namespace CamDashboard.Tests.Auth;

/// <summary>The second security review's camera-management findings (issue 15, items 3, 4, 6–10,
/// 13), each on the real app at 127.0.0.1.</summary>
public sealed class SecondReviewTests
{
    [Theory]
    [InlineData("rtsp://admin:p@ss@127.0.0.1:1/stream", "p@ss")]
    [InlineData("rtsp://admin:pa/ss@127.0.0.1:1/stream", "pa/ss")]
    [InlineData("rtsp://admin:12#34@127.0.0.1:1/stream", "12#34")]
    [InlineData("rtsp://admin:12?34@127.0.0.1:1/stream", "12?34")]
    public async Task AUrlWhosePasswordHoldsSpecialCharacters_IsRefusedWithHowToWriteIt_NeverShown(string source, string password)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var response = await app.Client().PostAsJsonAsync("/api/cameras", new { id = "door", source });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("percent-encoded (@ is %40", body, StringComparison.Ordinal);
        Assert.DoesNotContain(password, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://cam/snap.jpg?user=admin&loginpas=hunter2")]
    [InlineData("http://cam/snap.jpg?api_key=hunter2")]
    [InlineData("http://cam/snap.jpg?secret=hunter2")]
    [InlineData("http://cam/snap.jpg?usr=admin&pw=hunter2")]
    [InlineData("rtsp://admin:hun/ter2@cam/stream")]
    public void SecretsInASourceOrAnErrorText_AreMasked(string source)
    {
        Assert.DoesNotContain("hunter2", CameraSourceSpec.Redact(source).Replace("/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var camera = new Camera(new CameraOptions { Id = "cam", Source = "rtsp://cam/stream" }, CameraOrigin.Configuration, TimeProvider.System);
        camera.OnSourceLost(camera.Main, CameraState.Reconnecting, $"File '{source}' does not exist.");
        Assert.DoesNotContain("hunter2", camera.LastError!.Replace("/", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewersAndTokens_SeeACamerasNameAndState_NotWhereItIs()
    {
        await using var app = new TestApp(new CameraOptions { Id = "door", Name = "Front door", Source = "rtsp://cam-user@127.0.0.1:1/private-path", MaxFps = 5 });
        await app.Get<UserAdministration>().CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin");
        await Eventually.True(() => app.Get<CameraCatalog>().Find("door")!.State == CameraState.Unreachable, "the camera is down, with a reason");

        var asViewer = await app.Client("bob", "Bob-Password-123").GetStringAsync("/api/cameras");
        var camera = JsonDocument.Parse(asViewer).RootElement[0];
        Assert.Equal(("Front door", "Unreachable"), (camera.GetProperty("name").GetString(), camera.GetProperty("state").GetString()));
        foreach (var hidden in (string[])["cam-user", "private-path", "127.0.0.1", "refused"])
        {
            Assert.DoesNotContain(hidden, asViewer, StringComparison.Ordinal);
        }

        var asAdmin = await app.Client().GetStringAsync("/api/cameras");
        Assert.Contains("private-path", asAdmin, StringComparison.Ordinal);
        Assert.Contains("refused", asAdmin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACredentialInTheUrl_IsStoredEncrypted_NotInTheUrl_AndStillOpensTheCamera()
    {
        var database = TestApp.NewDatabasePath();
        await using var upstream = new JpegHttpServer("cam-user", "url-secret-1");
        try
        {
            var source = upstream.Url("/mjpeg").Replace("http://", "http://cam-user:url-secret-1@", StringComparison.Ordinal);
            await using (var app = new TestApp(database))
            {
                (await app.Client().PostAsJsonAsync("/api/cameras", new { id = "yard", source })).EnsureSuccessStatusCode();
                var listed = JsonDocument.Parse(await app.Client().GetStringAsync("/api/cameras")).RootElement[0];
                Assert.Equal((upstream.Url("/mjpeg"), "cam-user"), (listed.GetProperty("source").GetString(), listed.GetProperty("username").GetString()));
            }

            Assert.DoesNotContain("url-secret-1", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(database)), StringComparison.Ordinal);
            await using var restarted = new TestApp(database);
            await using var stream = await StreamClient.OpenAsync(restarted.Client(), "/stream/yard");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.NotNull(await stream.Reader.ReadPartAsync(timeout.Token));
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task ChangingOnlyTheHost_DoesNotTakeTheSavedPasswordThere()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        (await client.PostAsJsonAsync("/api/cameras", new { id = "door", source = "rtsp://127.0.0.1:8554/stream", username = "admin", password = "door-secret" })).EnsureSuccessStatusCode();
        var camera = app.Get<CameraCatalog>().Find("door")!;

        // The same host, another path: the password stays.
        (await client.PutAsJsonAsync("/api/cameras/door", new { source = "rtsp://127.0.0.1:8554/other", username = "admin" })).EnsureSuccessStatusCode();
        Assert.Equal("door-secret", camera.Definition.Password);

        // Another host (or port): it does not go with the camera.
        (await client.PutAsJsonAsync("/api/cameras/door", new { source = "rtsp://127.0.0.2:8554/other", username = "admin" })).EnsureSuccessStatusCode();
        Assert.Null(camera.Definition.Password);
    }

    [Fact]
    public async Task TwelveAddsOfOneIdAtOnce_AreOneAddAndElevenConflicts()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await client.PostAsJsonAsync("/api/cameras", new { id = "same", source = "testpattern" });
            return response.StatusCode;
        }));

        Assert.Single(answers, s => s == HttpStatusCode.Created);
        Assert.Equal(11, answers.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Probes_AreFewAtOnce_AndMeetTheRulesOfASave()
    {
        await using var hostile = new HostileCamera();
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();

        // A 4 MB name is refused before anything is opened.
        var started = DateTime.UtcNow;
        using var named = await client.PostAsJsonAsync("/api/cameras/probe", new { name = new string('x', 4 << 20), source = "testpattern" });
        Assert.Contains("Name must be at most 100 characters", await named.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));

        // Tests that hang (a drip) hold their places; one more is refused at once.
        var slow = Enumerable.Range(0, 2).Select(_ => client.PostAsJsonAsync("/api/cameras/probe", new { source = hostile.Url("/drip.jpg") })).ToList();
        await Eventually.True(() => hostile.OpenNow >= 2, "two tests are reading");
        using var third = await client.PostAsJsonAsync("/api/cameras/probe", new { source = hostile.Url("/drip.jpg") });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        foreach (var response in await Task.WhenAll(slow))
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:5393?listen=1")]
    [InlineData("udp://127.0.0.1:5393?listen=1")]
    [InlineData("srt://127.0.0.1:5393?mode=listener")]
    public async Task UrlsThatWouldMakeFfmpegServe_AreRefused_AndOpenNothing(string source)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        using var saved = await client.PostAsJsonAsync("/api/cameras", new { id = "door", source });
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);

        using var probed = await client.PostAsJsonAsync("/api/cameras/probe", new { source });
        Assert.False(JsonDocument.Parse(await probed.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
        Assert.DoesNotContain(File.ReadLines("/proc/net/tcp").Skip(1), l => l.Contains(":1511 ", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] == "0A");
    }

    [Fact]
    public async Task ACameraNameWithControlCharacters_IsRefused()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var response = await app.Client().PostAsJsonAsync("/api/cameras", new { id = "door", name = "Door\r\nFAKE LOG LINE\u001b[31m", source = "testpattern" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileSources_AreOnlyTheAllowedFolders_WithOneAnswerForEveryOtherPath()
    {
        var videos = Directory.CreateTempSubdirectory("camdashboard-videos-").FullName;
        try
        {
            var video = Path.Combine(videos, "loop.avi");
            VideoFileSourceTests.WriteVideo(video);
            await using var app = new TestApp(TestApp.Pattern()).With("Sources:AllowedFolders:0", videos);
            using var client = app.Client();

            var answers = new List<string>();
            foreach (var outside in (string[])["/etc/passwd", "/etc/nothing-here.nfo", "/nonexistent/loop.avi", Path.Combine(videos, "..", "escape.avi")])
            {
                using var probe = await client.PostAsJsonAsync("/api/cameras/probe", new { source = outside });
                answers.Add(JsonDocument.Parse(await probe.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!);
            }

            // The same words for a file that exists and one that does not: nothing is learned of the disk.
            Assert.Single(answers.Distinct());
            Assert.Contains("Sources:AllowedFolders", answers[0], StringComparison.Ordinal);
            using var inside = await client.PostAsJsonAsync("/api/cameras/probe", new { source = video });
            Assert.True(JsonDocument.Parse(await inside.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
        }
        finally
        {
            Directory.Delete(videos, recursive: true);
        }
    }
}
