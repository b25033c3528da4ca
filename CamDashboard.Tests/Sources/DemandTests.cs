using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using OpenCvSharp;

namespace CamDashboard.Tests.Sources;

/// <summary>Cost follows demand, against real cameras on 127.0.0.1 (GStreamer's RTSP server, an
/// HLS stand-in, raw-socket JPEG servers): standby and waking, substreams, the fps cap at capture.</summary>
[Collection(TimingSensitive.Name)]
public sealed class DemandTests
{
    private static CameraOptions Rtsp(ExternalCamera camera, string? substream = null, int maxFps = 15) =>
        new() { Id = "cam", Source = $"rtsp://127.0.0.1:{camera.Port}/test", Substream = substream, MaxFps = maxFps };

    private static (int Width, int Height) Size(byte[] jpeg)
    {
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        return (image.Width, image.Height);
    }

    [Fact]
    public async Task AnRtspCameraNobodyWatches_StandsBy_WithNothingDecoding_AViewerWakesIt_WithinAKeyFrameAndASecond_ThenItStandsByAgain()
    {
        using var rtsp = ExternalCamera.Rtsp();
        await using var app = new TestApp(Rtsp(rtsp)).With("Streaming:StandbyAfter", "00:00:01");
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await Eventually.True(() => camera.State == CameraState.Standby, $"standby after its first frame ({camera.LastError})", 20);
        Assert.Equal((320, 180), (camera.Width, camera.Height));
        await Eventually.True(() => !rtsp.HasFfmpegReader(), "no FFmpeg runs for a camera nobody watches");

        var waking = Stopwatch.StartNew();
        await using (var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam"))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await stream.Reader.ReadPartAsync(timeout.Token);
            // The stand-in sends a key frame every second: one of them, and a second to start.
            Assert.InRange(waking.Elapsed.TotalSeconds, 0, 2);
            Assert.Equal(CameraState.Live, camera.State);
        }

        await Eventually.True(() => camera.State == CameraState.Standby && !rtsp.HasFfmpegReader(), "standby again once the viewer left and the delay ran out", 15);

        // Woken again, the camera sends a new picture, not the one left from before it stood by.
        var asked = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        await using var again = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var second = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True((await again.Reader.ReadPartAsync(second.Token))!.Timestamp >= asked, "the first frame is captured after it was asked for");
    }

    [Fact]
    public async Task AnRtspCameraThatDiesInStandby_IsShownDown_WithinTheCheckInterval_AndUpAgainWhenItReturns()
    {
        var rtsp = ExternalCamera.Rtsp();
        try
        {
            await using var app = new TestApp(Rtsp(rtsp)).With("Streaming:StandbyCheckInterval", "00:00:02");
            var camera = app.Get<CameraCatalog>().Find("cam")!;
            await Eventually.True(() => camera.State == CameraState.Standby, "standby", 20);

            rtsp.Dispose();
            var since = Stopwatch.StartNew();
            await Eventually.True(() => camera.State == CameraState.Unreachable, "the dead camera is shown unreachable", 15);
            // A check every 2 s, each bounded by its own 4 s timeout (a refused connection fails at once).
            Assert.InRange(since.Elapsed.TotalSeconds, 0, 2 + 4);
            Assert.Contains("refused", camera.LastError, StringComparison.Ordinal);

            rtsp = ExternalCamera.Rtsp(port: rtsp.Port);
            await Eventually.True(() => camera.State == CameraState.Standby, "back in standby when the camera returns", 20);
            Assert.False(rtsp.HasFfmpegReader(), "checked, not decoded");
        }
        finally
        {
            rtsp.Dispose();
        }
    }

    [Fact]
    public async Task ACameraWithASubstream_ServesTilesAtItsSize_AndTheFullTierAtTheMainSize_ThenFallsBackToTheMainStreamWhenItDies()
    {
        using var main = ExternalCamera.Rtsp(width: 320, height: 180);
        var sub = ExternalCamera.Rtsp(width: 160, height: 90);
        try
        {
            await using var app = new TestApp(Rtsp(main, substream: $"rtsp://127.0.0.1:{sub.Port}/test"));
            var camera = app.Get<CameraCatalog>().Find("cam")!;
            using var tiles = await TileSocket.OpenAsync(app, "cameras=cam");
            Assert.Equal((160, 90), Size((await tiles.ReceiveAsync()).Jpeg));
            await Eventually.True(() => camera.Main.State == CameraState.Standby && !main.HasFfmpegReader(), "the main stream is not decoded for tiles", 20);

            using var client = app.Client();
            Assert.Equal((160, 90), Size(await client.GetByteArrayAsync("/snapshot/cam?tier=small")));
            Assert.Equal((320, 180), Size(await client.GetByteArrayAsync("/snapshot/cam")));
            using (var listing = JsonDocument.Parse(await client.GetStringAsync("/api/cameras")))
            {
                var streams = listing.RootElement[0].GetProperty("streams");
                Assert.Equal(["Main", "Sub"], streams.EnumerateArray().Select(s => s.GetProperty("role").GetString()));
                Assert.Equal((160, 90), (streams[1].GetProperty("width").GetInt32(), streams[1].GetProperty("height").GetInt32()));
                Assert.StartsWith("H.264 over RTSP", streams[1].GetProperty("format").GetString(), StringComparison.Ordinal);
                Assert.Equal($"rtsp://127.0.0.1:{sub.Port}/test", listing.RootElement[0].GetProperty("substream").GetString());
            }

            sub.Dispose();
            // The small tier of the 320×180 main stream is 320×180: tiles now come from there.
            await Eventually.True(async () => Size((await tiles.ReceiveAsync()).Jpeg) == (320, 180), "tiles from the main stream", 20);
            Assert.False(camera.Substream!.IsHealthy);
            Assert.Equal(CameraState.Live, camera.State);
        }
        finally
        {
            sub.Dispose();
        }
    }

    [Fact]
    public async Task TheFpsSetting_LowersTheRateTheCameraCaptures_NotOnlyWhatIsEncoded()
    {
        using var rtsp = ExternalCamera.Rtsp(fps: 15);
        await using var app = new TestApp(Rtsp(rtsp, maxFps: 15));
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartAsync();
        using var client = app.Client();

        (await client.PatchAsJsonAsync("/api/cameras/cam", new { maxFps = 5 })).EnsureSuccessStatusCode();
        // Past the restart, count what was captured over three seconds.
        await Eventually.True(() => camera.Fps is > 0 and < 7, "the capture rate follows the setting", 15);
        var (before, clock) = (camera.FramesCaptured, Stopwatch.StartNew());
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rate = (camera.FramesCaptured - before) / clock.Elapsed.TotalSeconds;
        Assert.InRange(rate, 3.5, 6.5);

        using var listing = JsonDocument.Parse(await client.GetStringAsync("/api/cameras"));
        // What the source itself delivers stays what it says.
        Assert.Equal(15, listing.RootElement[0].GetProperty("sourceFps").GetDouble());
    }

    [Fact]
    public async Task AnHlsCamera_ReachesViewersAtItsOwnRate_NotInBurstsPerSegment()
    {
        using var hls = new HlsCamera(fps: 15);
        await using var app = new TestApp(new CameraOptions { Id = "cam", Source = hls.Url, MaxFps = 30 });
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Past the start (a playlist's first segments arrive at once), then eight steady seconds (several segments).
        await stream.Reader.ReadPartsAsync(15, timeout.Token);
        var clock = Stopwatch.StartNew();
        var parts = 0;
        // Each gap, and how many frames the camera captured during it: a gap with none is the
        // source pausing (the stand-in or FFmpeg), one with several is delivery holding frames back.
        var gaps = new List<(TimeSpan Length, long Captured)>();
        var (last, captured) = (clock.Elapsed, camera.FramesCaptured);
        while (clock.Elapsed < TimeSpan.FromSeconds(8))
        {
            await stream.Reader.ReadPartAsync(timeout.Token);
            parts++;
            gaps.Add((clock.Elapsed - last, camera.FramesCaptured - captured));
            (last, captured) = (clock.Elapsed, camera.FramesCaptured);
        }

        // Paced, not a burst per one-second segment: that would leave a gap of most of a second
        // before every segment's frames (eight in eight seconds). Two hiccups are allowed: full
        // suite runs have shown two gaps of 0.7-1 s in one window, the machine otherwise idle.
        var longGaps = gaps.Where(g => g.Length > TimeSpan.FromMilliseconds(400)).ToList();
        Assert.True(longGaps.Count <= 2, $"{longGaps.Count} gaps over 400 ms in 8 s: {string.Join(", ", longGaps.Select(g => $"{g.Length.TotalMilliseconds:0} ms ({g.Captured} frames captured meanwhile)"))}");
        // At the camera's rate; the stand-in (ffmpeg encoding live on the same two cores) may itself
        // fall a little behind real time while the suite loads them.
        Assert.InRange(parts / clock.Elapsed.TotalSeconds, 0.8 * hls.Fps, 1.2 * hls.Fps);
    }

    [Fact]
    public async Task ADigestSnapshotCamera_IsAskedOncePerFrame()
    {
        await using var upstream = new JpegHttpServer("viewer", "s3cret!", digest: true);
        await using var app = new TestApp(new CameraOptions { Id = "cam", Source = upstream.Url("/snapshot.jpg"), Username = "viewer", Password = "s3cret!", MaxFps = 10 });
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var parts = await stream.Reader.ReadPartsAsync(10, timeout.Token);

        Assert.All(parts, p => Assert.Contains(upstream.Frames, f => f.AsSpan().SequenceEqual(p.Jpeg)));
        // One challenge, then every snapshot answered on the first request.
        Assert.InRange(upstream.Requests - upstream.SnapshotsServed, 1, 2);
    }
}
