using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Data;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Management;

/// <summary><c>POST/PUT/DELETE /api/cameras</c> and the probe, on the real app.</summary>
public sealed class CameraApiTests
{
    [Fact]
    public async Task AddedCamera_GoesLive_WithoutRestart_ReplacesTheTestPatterns_AndSurvivesARestart()
    {
        var database = TestApp.NewDatabasePath();
        await using var upstream = new JpegHttpServer("u", "camera-secret");
        try
        {
            await using (var app = new TestApp(database))
            {
                using var client = app.Client();
                using var created = await client.PostAsJsonAsync("/api/cameras",
                    new { id = "yard", name = "Back yard", source = upstream.Url("/mjpeg"), username = "u", password = "camera-secret", maxFps = 10 });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var body = await created.Content.ReadAsStringAsync();
                Assert.DoesNotContain("camera-secret", body);

                await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/yard");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var part = await stream.Reader.ReadPartAsync(timeout.Token);
                Assert.Contains(upstream.Frames, f => f.AsSpan().SequenceEqual(part!.Jpeg));

                var ids = app.Get<CameraCatalog>().All.Select(c => c.Id).ToList();
                Assert.Equal(["yard"], ids); // the built-in test patterns made way
                var audit = await app.Get<EfAuditTrail>().LatestAsync(10, default);
                Assert.Contains(audit, e => e.Action == "camera added" && e.Detail.StartsWith("Back yard (yard)", StringComparison.Ordinal));
                Assert.DoesNotContain(audit, e => e.Detail.Contains("camera-secret", StringComparison.Ordinal));
            }

            // The stored password is encrypted at rest, and still opens the camera after a restart.
            Assert.DoesNotContain("camera-secret", System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(database)));
            await using var restarted = new TestApp(database);
            _ = restarted.Address;
            var camera = restarted.Get<CameraCatalog>().Find("yard")!;
            Assert.Equal(CameraOrigin.Dashboard, camera.Origin);
            // Opened with the stored password: in standby (read, nobody watching), then live for a viewer.
            await Eventually.True(() => camera.State == CameraState.Standby, $"the stored camera is up after a restart ({camera.LastError})");
            await using var viewer = await StreamClient.OpenAsync(restarted.Client(), "/stream/yard");
            using var again = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var after = await viewer.Reader.ReadPartAsync(again.Token);
            Assert.Contains(upstream.Frames, f => f.AsSpan().SequenceEqual(after!.Jpeg));
            Assert.Equal(CameraState.Live, camera.State);
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task EditingTheSource_KeepsViewersConnected_AndRemovingTheCameraEndsThem()
    {
        await using var first = new JpegHttpServer(count: 2);
        await using var second = new JpegHttpServer(count: 3);
        await using var app = new TestApp(TestApp.Pattern("fixed"));
        using var client = app.Client();
        (await client.PostAsJsonAsync("/api/cameras", new { id = "cam", source = first.Url("/mjpeg") })).EnsureSuccessStatusCode();
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.Reader.ReadPartAsync(timeout.Token);

        using var edited = await client.PutAsJsonAsync("/api/cameras/cam", new { source = second.Url("/snapshot.jpg"), name = "Moved", maxFps = 10 });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await Eventually.True(async () =>
        {
            var part = await stream.Reader.ReadPartAsync(timeout.Token);
            return second.Frames.Any(f => f.AsSpan().SequenceEqual(part!.Jpeg));
        }, "the same viewer sees the new source's frames", 20);
        Assert.Equal("Moved", app.Get<CameraCatalog>().Find("cam")!.Name);

        using var removed = await client.DeleteAsync("/api/cameras/cam");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await Eventually.True(() => app.Get<CamDashboard.Streaming.Viewers.IViewerRegistry>().CountFor("cam") == 0, "its viewer was ended");
        using var gone = await client.GetAsync("/snapshot/cam");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotNull(app.Get<CameraCatalog>().Find("fixed")); // configured cameras stay
    }

    [Fact]
    public async Task DisablingACamera_StopsItsCapture_AndEnablingBringsItBack()
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(TestApp.Pattern("fixed"));
        using var client = app.Client();
        (await client.PostAsJsonAsync("/api/cameras", new { id = "cam", source = upstream.Url("/mjpeg") })).EnsureSuccessStatusCode();
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await Eventually.True(camera.IsUp, "up");

        (await client.PutAsJsonAsync("/api/cameras/cam", new { source = upstream.Url("/mjpeg"), enabled = false })).EnsureSuccessStatusCode();
        await Eventually.True(() => camera.State == CameraState.Disabled, "disabled");
        var captured = camera.FramesCaptured;
        using (var listing = JsonDocument.Parse(await client.GetStringAsync("/api/cameras")))
        {
            var shown = listing.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "cam");
            Assert.Equal(("Disabled", false), (shown.GetProperty("state").GetString(), shown.GetProperty("enabled").GetBoolean()));
        }

        // A viewer gets the "offline since" frame; no frame is captured while it is off.
        await using (var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam"))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var offline = await stream.Reader.ReadPartAsync(timeout.Token);
            Assert.DoesNotContain(upstream.Frames, f => f.AsSpan().SequenceEqual(offline!.Jpeg));
        }

        Assert.Equal(captured, camera.FramesCaptured);
        Assert.Equal("Disabled by an admin.", camera.LastError);
        (await client.PutAsJsonAsync("/api/cameras/cam", new { source = upstream.Url("/mjpeg"), enabled = true })).EnsureSuccessStatusCode();
        await Eventually.True(camera.IsUp, "up again");
    }

    [Theory]
    [InlineData("""{"id":"has space","source":"testpattern"}""", "id")]
    [InlineData("""{"id":"cam2","source":""}""", "source")]
    [InlineData("""{"id":"cam2","source":"ftp://host/x"}""", "source")]
    [InlineData("""{"id":"cam2","source":"testpattern","maxFps":0}""", "maxFps")]
    [InlineData("""{"id":"cam2","source":"testpattern","quality":0}""", "quality")]
    [InlineData("""{"id":"cam2","source":"rtsp://h/x","transport":"carrier-pigeon"}""", "transport")]
    public async Task BadDefinitions_Get400ProblemDetails_NamingTheField(string json, string field)
    {
        await using var app = new TestApp(TestApp.Pattern("cam"));
        using var response = await app.Client().PostAsync("/api/cameras", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors names '{field}'");
        Assert.Null(app.Get<CameraCatalog>().Find("cam2"));
    }

    [Fact]
    public async Task ConfiguredCameras_AreNotEditable_AndIdsAreUnique_AndViewersMayNotManage()
    {
        await using var app = new TestApp(TestApp.Pattern("cam"));
        using var client = app.Client();
        using var duplicate = await client.PostAsJsonAsync("/api/cameras", new { id = "CAM", source = "testpattern" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var edit = await client.PutAsJsonAsync("/api/cameras/cam", new { source = "testpattern" });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        using var delete = await client.DeleteAsync("/api/cameras/cam");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        using var unknown = await client.DeleteAsync("/api/cameras/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var renamed = await client.PutAsJsonAsync("/api/cameras/cam", new { id = "other", source = "testpattern" });
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);

        await app.Get<CamDashboard.Auth.UserAdministration>().CreateAsync("watcher", "Watcher-Password-1", CamDashboard.Auth.Roles.Viewer, "admin");
        using var viewer = app.Client("watcher", "Watcher-Password-1");
        using var refused = await viewer.PostAsJsonAsync("/api/cameras", new { id = "x", source = "testpattern" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Probe_ShowsAFrameAndWhatWasFound_OrThePreciseError()
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(TestApp.Pattern("cam"));
        using var client = app.Client();
        using var found = await client.PostAsJsonAsync("/api/cameras/probe", new { source = upstream.Url("/mjpeg") });
        using var ok = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.True(ok.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("MJPEG over HTTP", ok.RootElement.GetProperty("format").GetString());
        Assert.Equal((160, 120), (ok.RootElement.GetProperty("width").GetInt32(), ok.RootElement.GetProperty("height").GetInt32()));
        Assert.Equal(upstream.Frames[0], ok.RootElement.GetProperty("preview").GetBytesFromBase64());

        using var refused = await client.PostAsJsonAsync("/api/cameras/probe", new { source = $"http://127.0.0.1:{ExternalCamera.FreePort()}/x" });
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.False(error.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("Unreachable", error.RootElement.GetProperty("fault").GetString());
        Assert.Contains("refused", error.RootElement.GetProperty("error").GetString());
    }
}
