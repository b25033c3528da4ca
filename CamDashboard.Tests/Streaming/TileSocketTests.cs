using System.Net.WebSockets;
using System.Diagnostics;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Streaming;

/// <summary>The dashboard's tile socket ending as the page needs it to.</summary>
public sealed class TileSocketTests
{
    [Fact]
    public async Task AKickWhileAFrameIsStillBeingSent_StillTellsThePageItWasKicked()
    {
        // Large frames and a client that has stopped reading: the server is inside a send when the kick comes.
        await using var app = new TestApp(TestApp.Pattern(width: 1280, height: 720, fps: 30, texture: true));
        using var tiles = await TileSocket.OpenAsync(app, "cameras=cam&tier=full&fps=30", receiveBuffer: 16 * 1024);
        await tiles.ReceiveAsync();
        var viewer = app.Get<IViewerRegistry>().Viewers.Single();
        await Eventually.True(() => viewer.WriteBlockedFor() > TimeSpan.FromMilliseconds(200), "the server's send waits for the client");

        Assert.True(app.Get<IViewerRegistry>().Kick(viewer.Id));
        // The client reads again within the grace: the frame under way ends whole, then the close says why.
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await tiles.ClosedAsync());
    }

    [Fact]
    public async Task TilesThePageCannotSee_ArePaused_TheirCameraRests_AndTheyComeBackWhenSeen()
    {
        await using var app = new TestApp(TestApp.Pattern("a"), TestApp.Pattern("b")).With("Streaming:StandbyAfter", "00:00:00.5");
        var cameras = app.Get<CameraCatalog>();
        using var tiles = await TileSocket.OpenAsync(app, "cameras=a,b");
        var received = new System.Collections.Concurrent.ConcurrentQueue<(string Camera, long At)>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (camera, _) = await tiles.ReceiveAsync();
                received.Enqueue((camera, Stopwatch.GetTimestamp()));
            }
        });
        await Eventually.True(() => received.Any(f => f.Camera == "a") && received.Any(f => f.Camera == "b"), "both tiles draw");

        // Something that is not the page's message changes nothing; then only a is on screen.
        await tiles.SendAsync("hello");
        await tiles.SendAsync("""{"visible": ["A"]}""");
        await Eventually.True(() => cameras.Find("b")!.State == CameraState.Standby, "b, watched by nobody else, rests");
        Assert.Equal(CameraState.Live, cameras.Find("a")!.State);
        var paused = app.Get<IViewerRegistry>().Viewers.Single(v => v.Description.CameraId == "b");
        Assert.True(paused.IsPaused);
        var viewers = await app.Client().GetStringAsync("/api/viewers");
        Assert.Contains("\"paused\":true", viewers, StringComparison.Ordinal);

        var rested = Stopwatch.GetTimestamp();
        await Eventually.True(() => received.Count(f => f.Camera == "a" && f.At > rested) >= 10, "a keeps coming");
        Assert.DoesNotContain(received, f => f.Camera == "b" && f.At > rested);

        // Scrolled back into view: b is live again on the same socket, the same viewer.
        await tiles.SendAsync("""{"visible": ["a", "b"]}""");
        var shown = Stopwatch.GetTimestamp();
        await Eventually.True(() => received.Count(f => f.Camera == "b" && f.At > shown) >= 5, "b comes back");
        Assert.False(paused.IsPaused);
        Assert.Equal(0, paused.FramesDropped);
        await stop.CancelAsync();
    }
}
