using System.Net.Http.Json;
using System.Text;
using CamDashboard.Auth;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Sources;

/// <summary>Network cameras against real servers on 127.0.0.1: ffmpeg as an HTTP MJPEG camera,
/// GStreamer's RTSP server, a raw-socket JPEG server whose bytes the test knows, and another
/// CamDashboard.</summary>
public sealed class NetworkCameraTests
{
    // Generous: a stuck stream fails the test instead of hanging the run.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    private static async Task<List<MjpegReader.Part>> ReadAsync(StreamClient stream, int count)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        return await stream.Reader.ReadPartsAsync(count, timeout.Token);
    }

    private static CameraOptions Camera(string source, int? quality = null, string? user = null, string? password = null) =>
        new() { Id = "cam", Source = source, MaxFps = 30, Quality = quality, Username = user, Password = password };

    [Fact]
    public async Task FfmpegMjpegCamera_IsPassedThroughUntouched_AndComesBackAfterTheUpstreamRestarts()
    {
        var upstream = ExternalCamera.FfmpegMjpeg();
        try
        {
            await using var app = new TestApp(Camera($"http://127.0.0.1:{upstream.Port}/"));
            var camera = app.Get<CameraCatalog>().Find("cam")!;
            await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
            var parts = await ReadAsync(stream, 5);
            // FFmpeg's encoder writes its name ("Lavc") into every JPEG; a re-encode would not carry it.
            Assert.All(parts, p => Assert.Contains("Lavc", Encoding.ASCII.GetString(p.Jpeg)));
            Assert.Equal((0L, "MJPEG over HTTP"), (camera.FramesEncoded, camera.Format));
            Assert.True(camera.FramesPassedThrough >= 5);

            upstream.Dispose();
            await Eventually.True(() => camera.State is CameraState.Reconnecting or CameraState.Unreachable, "the camera noticed the upstream is gone", 2);
            upstream = ExternalCamera.FfmpegMjpeg(upstream.Port);
            await Eventually.True(() => camera.State == CameraState.Live, "live again once the upstream is back", 15);
            // The same viewer, still connected, gets the new upstream's frames.
            await Eventually.True(async () => Encoding.ASCII.GetString((await ReadAsync(stream, 1))[0].Jpeg).Contains("Lavc"), "frames after the restart");
        }
        finally
        {
            upstream.Dispose();
        }
    }

    [Theory]
    [InlineData("/mjpeg")]
    [InlineData("/mjpeg-nolength")]
    public async Task MjpegCamera_ViewersGetTheCamerasBytes_ByteForByte(string path)
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(Camera(upstream.Url(path)));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var parts = await ReadAsync(stream, 6);
        Assert.All(parts, p => Assert.Contains(upstream.Frames, f => f.AsSpan().SequenceEqual(p.Jpeg)));
        Assert.Equal(0, app.Get<CameraCatalog>().Find("cam")!.FramesEncoded);
    }

    [Fact]
    public async Task MjpegCamera_AtAChosenQuality_IsReencoded()
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(Camera(upstream.Url("/mjpeg"), quality: 20));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var part = (await ReadAsync(stream, 3))[^1];
        Assert.DoesNotContain(upstream.Frames, f => f.AsSpan().SequenceEqual(part.Jpeg));
        using var image = Cv2.ImDecode(part.Jpeg, ImreadModes.Color);
        Assert.Equal(new Size(160, 120), image.Size());
        Assert.True(app.Get<CameraCatalog>().Find("cam")!.FramesEncoded > 0);
    }

    [Fact]
    public async Task SnapshotCamera_IsPolled_AndItsJpegsPassedThrough()
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(Camera(upstream.Url("/snapshot.jpg")));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var parts = await ReadAsync(stream, 4);
        Assert.All(parts, p => Assert.Contains(upstream.Frames, f => f.AsSpan().SequenceEqual(p.Jpeg)));
        Assert.True(parts.Select(p => Convert.ToBase64String(p.Jpeg)).Distinct().Count() > 1, "successive polls give successive frames");
        Assert.Equal("JPEG snapshots over HTTP", app.Get<CameraCatalog>().Find("cam")!.Format);
    }

    [Fact]
    public async Task HttpCamera_WithCredentials_OpensWithTheRightOnes_AndIsUnauthorizedWithWrongOnes()
    {
        await using var upstream = new JpegHttpServer("viewer", "s3cret!");
        await using var app = new TestApp(
            Camera(upstream.Url("/mjpeg"), user: "viewer", password: "s3cret!") ,
            new CameraOptions { Id = "wrong", Source = upstream.Url("/mjpeg").Replace("http://", "http://viewer:nope@", StringComparison.Ordinal) });
        var cameras = app.Get<CameraCatalog>();
        // Nobody watches: the stream is read in standby, which takes the right credentials too.
        await Eventually.True(() => cameras.Find("cam")!.State == CameraState.Standby, $"right credentials: up ({cameras.Find("cam")!.LastError})");
        await Eventually.True(() => cameras.Find("wrong")!.State == CameraState.Unauthorized, "wrong credentials: unauthorized");
        Assert.Contains("401", cameras.Find("wrong")!.LastError);

        var listing = await app.Client().GetStringAsync("/api/cameras");
        Assert.DoesNotContain("s3cret", listing);
        Assert.DoesNotContain("nope", listing);
        Assert.Contains("viewer:***@", listing);
    }

    [Fact]
    public async Task AnAddressThatAnswersAWebPage_IsNotACamera_NotAReconnectingOne_AndIsRetriedSlowly()
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(Camera(upstream.Url("/index.html")))
            .With("Streaming:MaxReconnectDelay", "00:00:30").With("Logging:LogLevel:CamDashboard.Streaming.Capture", "Information");
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await Eventually.True(() => camera.State == CameraState.NotACamera, $"a web page is not a camera ({camera.State}: {camera.LastError})");
        Assert.StartsWith("Not a camera: the address answers a web page", camera.LastError, StringComparison.Ordinal);

        // A setup mistake does not fix itself: the next try waits the longest back-off, not a moment.
        await Eventually.True(() => app.Lines.Entries.Any(l => l.Contains("Camera cam: reconnecting in", StringComparison.Ordinal)), "the retry is logged");
        Assert.Contains(app.Lines.Entries, l => l.Contains("Camera cam: reconnecting in 00:00:30.", StringComparison.Ordinal));
        Assert.Equal(1, upstream.Requests);

        // Test in the editor says the same, before anything is saved.
        using var probe = await app.Client().PostAsJsonAsync("/api/cameras/probe", new { id = "probe", source = upstream.Url("/index.html") });
        var result = await probe.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.StartsWith("Not a camera: the address answers a web page", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("NotACamera", result.GetProperty("fault").GetString());
    }

    [Fact]
    public async Task ClosedPort_IsUnreachable_WithTheReason()
    {
        var port = ExternalCamera.FreePort();
        await using var app = new TestApp(Camera($"http://127.0.0.1:{port}/video"), new CameraOptions { Id = "rtsp", Source = $"rtsp://127.0.0.1:{port}/x" });
        var cameras = app.Get<CameraCatalog>();
        await Eventually.True(() => cameras.Find("cam")!.State == CameraState.Unreachable, "HTTP: unreachable");
        await Eventually.True(() => cameras.Find("rtsp")!.State == CameraState.Unreachable, "RTSP: unreachable");
        Assert.Contains("refused", cameras.Find("cam")!.LastError);
        Assert.Contains("refused", cameras.Find("rtsp")!.LastError);
    }

    [Fact]
    public async Task RtspH264Camera_IsDecodedAndServed()
    {
        using var upstream = ExternalCamera.Rtsp();
        await using var app = new TestApp(Camera($"rtsp://127.0.0.1:{upstream.Port}/test"));
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var part = (await ReadAsync(stream, 3))[^1];
        using var image = Cv2.ImDecode(part.Jpeg, ImreadModes.Color);
        Assert.Equal(new Size(320, 180), image.Size());
        Assert.StartsWith("H.264 over RTSP, 320×180", camera.Format);
    }

    [Fact]
    public async Task MjpegOverRtsp_IsPassedThrough_WithoutDecoding()
    {
        using var upstream = ExternalCamera.Rtsp(codec: "jpeg");
        await using var app = new TestApp(Camera($"rtsp://127.0.0.1:{upstream.Port}/test", quality: 0));
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var parts = await ReadAsync(stream, 4);
        using var image = Cv2.ImDecode(parts[^1].Jpeg, ImreadModes.Color);
        Assert.Equal(new Size(320, 240), image.Size());
        Assert.StartsWith("MJPEG over RTSP, 320×240", camera.Format);
        Assert.Equal(0, camera.FramesEncoded);
        Assert.True(camera.FramesPassedThrough >= 4);
    }

    [Fact]
    public async Task RtspCamera_WithCredentials_IsUp_AndWrongCredentialsAreUnauthorized_WithThePasswordNeverShown()
    {
        using var upstream = ExternalCamera.Rtsp("cam-user", "pa:ss@word");
        var url = $"rtsp://127.0.0.1:{upstream.Port}/test";
        await using var app = new TestApp(
            Camera(url, user: "cam-user", password: "pa:ss@word"),
            new CameraOptions { Id = "wrong", Source = url, Username = "cam-user", Password = "wrong-password" });
        var cameras = app.Get<CameraCatalog>();
        // Nobody watches: after its first frame the camera is checked in standby with the same credentials.
        await Eventually.True(() => cameras.Find("cam")!.State == CameraState.Standby, $"right credentials: up ({cameras.Find("cam")!.LastError})", 20);
        await Eventually.True(() => cameras.Find("wrong")!.State == CameraState.Unauthorized, "wrong credentials: unauthorized", 20);

        var listing = await app.Client().GetStringAsync("/api/cameras");
        Assert.DoesNotContain("pa:ss@word", listing);
        Assert.DoesNotContain("wrong-password", listing);
    }

    [Fact]
    public async Task Relay_ACameraReadsAnotherCamDashboardsStreamByToken_InPassthrough()
    {
        await using var origin = new TestApp(TestApp.Pattern("door"));
        _ = origin.Address;
        var token = await origin.Get<StreamTokens>().CreateAsync("relay", cameraId: "door", expiresAt: null, by: "admin");
        await using var relay = new TestApp(Camera(new Uri(origin.Address, $"/stream/door?token={token}").ToString()));
        await using var stream = await StreamClient.OpenAsync(relay.Client(), "/stream/cam");
        var parts = await ReadAsync(stream, 3);
        using var image = Cv2.ImDecode(parts[^1].Jpeg, ImreadModes.Color);
        Assert.Equal(new Size(320, 180), image.Size());
        var camera = relay.Get<CameraCatalog>().Find("cam")!;
        Assert.Equal(0, camera.FramesEncoded);
        Assert.Contains("token=***", camera.Source);
        Assert.DoesNotContain(token, await relay.Client().GetStringAsync("/api/cameras"));
    }
}
