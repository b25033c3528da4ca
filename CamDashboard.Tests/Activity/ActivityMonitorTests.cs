using CamDashboard.Streaming.Activity;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;

namespace CamDashboard.Tests.Activity;

/// <summary>The activity monitor on real frames (drawn, encoded and decoded by OpenCV) and a fake
/// clock: a scene with sensor noise stays quiet, a square crossing it starts a period within two
/// looks, and the period ends <see cref="ActivityTracker.EndAfter"/> after the square stops.</summary>
public sealed class ActivityMonitorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CameraCatalog _cameras;
    private readonly LiveEvents _events;
    private readonly InMemoryActivityHistory _history;
    private readonly ActivityMonitor _monitor;
    private readonly Camera _camera;
    private readonly List<CameraActivityChanged> _changes = [];
    private readonly IDisposable _subscription;
    private readonly Mat _scene = new(360, 640, MatType.CV_8UC3);
    private readonly SourceFrame _frame = new();

    public ActivityMonitorTests()
    {
        var options = Options.Create(new CameraStreamingOptions());
        options.Value.Cameras.Add(new CameraOptions { Id = "yard", Source = CameraSourceSpec.TestPattern, MaxFps = 5 });
        _cameras = new CameraCatalog(options, _time);
        _events = new LiveEvents(_time, options, NullLogger<LiveEvents>.Instance);
        _history = new InMemoryActivityHistory(_time);
        _monitor = new ActivityMonitor(_cameras, _events, _history, new NoCameraRelays(), _time, NullLogger<ActivityMonitor>.Instance);
        _camera = _cameras.All[0];
        _camera.Main.OnOpened("test", null);
        _subscription = _events.Subscribe(e =>
        {
            if (e is CameraActivityChanged change)
            {
                _changes.Add(change);
            }
        });

        // A textured still scene: compresses like a real one, so JPEG's own noise is in play.
        Cv2.SetTheRNG(17);
        Cv2.Randu(_scene, Scalar.All(40), Scalar.All(200));
        Cv2.GaussianBlur(_scene, _scene, new Size(7, 7), 0);
    }

    [Fact]
    public async Task AStillScene_WithSensorNoise_NeverStartsActivity()
    {
        On(new ActivitySettings(Sensitivity: 100));
        for (var i = 0; i < 40; i++)
        {
            await LookAsync(square: null, noise: true);
        }

        Assert.True(_camera.Activity.Analysed >= 38, $"{_camera.Activity.Analysed} frames analysed");
        Assert.False(_camera.Activity.Active);
        Assert.True(_camera.Activity.Level < 0.1, $"level {_camera.Activity.Level} %");
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task ASquareCrossing_StartsActivityWithinTwoLooks_AndItEndsWhenTheSquareStops()
    {
        On(new ActivitySettings());
        for (var i = 0; i < 5; i++)
        {
            await LookAsync(square: null, noise: true);
        }

        // A 40-px square (of 640×360) moving 16 px a frame.
        var looks = 0;
        while (!_camera.Activity.Active && looks < 10)
        {
            await LookAsync(square: new Point(100 + (looks * 16), 150), noise: true);
            looks++;
        }

        Assert.True(_camera.Activity.Active, $"level {_camera.Activity.Level} % after {looks} looks, {_camera.Activity.Analysed} analysed");
        // The first moving frame is compared with a still one: it and the next both changed.
        Assert.Equal(ActivityTracker.StartAfter, looks);
        var started = Assert.Single(_changes);
        Assert.True(started.Active);
        Assert.True(started.Level > 0.3, $"level {started.Level} %");

        for (var i = 0; i < 10; i++)
        {
            await LookAsync(square: new Point(100 + ((looks + i) * 16), 150), noise: true);
        }

        Assert.True(_camera.Activity.Active);
        var stoppedAt = _time.GetUtcNow();

        // Still again: it ends EndAfter after the last change, not before.
        var quietLooks = 0;
        while (_camera.Activity.Active && quietLooks < 40)
        {
            await LookAsync(square: new Point(100 + ((looks + 9) * 16), 150), noise: true);
            quietLooks++;
        }

        Assert.False(_camera.Activity.Active);
        var ended = _changes[^1];
        Assert.False(ended.Active);
        Assert.Equal(2, _changes.Count);
        var quietFor = _time.GetUtcNow() - stoppedAt;
        Assert.InRange(quietFor, ActivityTracker.EndAfter, ActivityTracker.EndAfter + ActivityMonitor.Period + ActivityMonitor.Period);

        var period = Assert.Single(await _history.ListAsync("yard", _time.GetUtcNow().AddHours(-24), default));
        Assert.Equal(started.Since, period.Started);
        Assert.True(period.Ended <= stoppedAt && period.Ended > period.Started);
        Assert.Equal(ended.Peak, period.Peak);
    }

    [Fact]
    public async Task MotionInsideTheMask_IsIgnored_AndOutsideItIsNot()
    {
        // The square moves within columns 2–8 of rows 3–5 (x 80–360, y 120–240, in 40-px cells): those are ignored.
        var settings = new ActivitySettings();
        for (var row = 3; row <= 5; row++)
        {
            for (var column = 2; column <= 8; column++)
            {
                settings = settings.Toggle(column, row);
            }
        }

        On(settings);
        for (var i = 0; i < 12; i++)
        {
            await LookAsync(square: new Point(100 + (i * 16), 150), noise: true);
        }

        Assert.False(_camera.Activity.Active);
        Assert.Empty(_changes);

        // The same motion further right, where the picture is watched.
        for (var i = 0; i < 4; i++)
        {
            await LookAsync(square: new Point(440 + (i * 16), 150), noise: true);
        }

        Assert.True(_camera.Activity.Active);
    }

    [Fact]
    public async Task SwitchedOff_APeriodEnds_AndTheSmallFramesAreNoLongerMade()
    {
        On(new ActivitySettings());
        for (var i = 0; i < 4; i++)
        {
            await LookAsync(square: new Point(100 + (i * 16), 150), noise: false);
        }

        Assert.True(_camera.Activity.Active);
        Assert.Contains(FrameTier.Small, _camera.TiersInUse);

        _camera.ApplySettings(_camera.Settings with { Activity = null });
        await _monitor.TickAsync(default);

        Assert.False(_camera.Activity.Active);
        Assert.False(_changes[^1].Active);
        Assert.DoesNotContain(FrameTier.Small, _camera.TiersInUse);
        Assert.Single(await _history.ListAsync("yard", _time.GetUtcNow().AddHours(-24), default));
    }

    [Fact]
    public async Task ACameraThatGoesDown_EndsItsPeriod()
    {
        On(new ActivitySettings());
        for (var i = 0; i < 4; i++)
        {
            await LookAsync(square: new Point(100 + (i * 16), 150), noise: false);
        }

        Assert.True(_camera.Activity.Active);
        _camera.OnSourceLost(_camera.Main, CameraState.Unreachable, "gone");
        var looks = 0;
        while (_camera.Activity.Active && looks++ < 40)
        {
            _time.Advance(ActivityMonitor.Period);
            await _monitor.TickAsync(default);
        }

        Assert.False(_camera.Activity.Active);
        Assert.InRange(looks, 1, (int)(ActivityTracker.EndAfter / ActivityMonitor.Period) + 1);
    }

    [Fact]
    public async Task InACluster_OnlyTheOwnerWatches_AndTheOtherNodesFollowItsEvents()
    {
        var options = Options.Create(new CameraStreamingOptions { Node = "b" });
        options.Value.Cameras.Add(new CameraOptions { Id = "yard", Source = CameraSourceSpec.TestPattern, MaxFps = 5 });
        var cameras = new CameraCatalog(options, _time);
        var events = new LiveEvents(_time, options, NullLogger<LiveEvents>.Instance);
        var relays = new OwnedBy("a");
        using var monitor = new ActivityMonitor(cameras, events, _history, relays, _time, NullLogger<ActivityMonitor>.Instance);
        var camera = cameras.All[0];
        camera.ApplySettings(camera.Settings with { Activity = new ActivitySettings() });

        // Owned by a: b asks for no frames of it (they would be relayed from a for nothing).
        await monitor.TickAsync(default);
        Assert.DoesNotContain(FrameTier.Small, camera.TiersInUse);
        // Nor while the owner is not known yet.
        relays.Owner = "";
        await monitor.TickAsync(default);
        Assert.DoesNotContain(FrameTier.Small, camera.TiersInUse);

        // a's event, as Redis delivers it here.
        using var running = new CancellationTokenSource();
        await monitor.StartAsync(running.Token);
        events.Deliver(new CameraActivityChanged("yard", true, 2.5, 2.5, _time.GetUtcNow()) { Node = "a" });
        Assert.True(camera.Activity.Active);
        Assert.Equal(2.5, camera.Activity.Level);
        await running.CancelAsync();
        await monitor.StopAsync(default);

        // Captured here now: b watches it itself.
        relays.Owner = "b";
        await monitor.TickAsync(default);
        Assert.Contains(FrameTier.Small, camera.TiersInUse);
    }

    private sealed class OwnedBy(string owner) : ICameraRelays
    {
        public string Owner { get; set; } = owner;

        public CameraRelay? RelayFor(string cameraId) => null;

        public string OwnerOf(string cameraId) => Owner;

        public event EventHandler<string>? OwnerChanged
        {
            add { }
            remove { }
        }
    }

    // Switched on: the monitor's first look asks for small frames; the camera makes them from then on.
    private void On(ActivitySettings activity)
    {
        _camera.ApplySettings(_camera.Settings with { Activity = activity });
        _monitor.TickAsync(default).GetAwaiter().GetResult();
    }

    // One captured frame (the scene, sensor noise, the square), then the monitor's next look.
    private async Task LookAsync(Point? square, bool noise)
    {
        var pixels = _frame.PixelBuffer;
        _scene.CopyTo(pixels);
        if (noise)
        {
            using var grain = new Mat(pixels.Size(), MatType.CV_8UC3);
            // Unsigned: grain of 0–10 grey levels around 4, as a sensor's.
            Cv2.Randn(grain, Scalar.All(4), Scalar.All(3));
            Cv2.Add(pixels, grain, pixels);
        }

        if (square is { } at)
        {
            Cv2.Rectangle(pixels, new Rect(at.X, at.Y, 40, 40), Scalar.White, -1);
        }

        _frame.CommitPixels();
        _camera.OnFrameCaptured(_camera.Main, _frame);
        _time.Advance(ActivityMonitor.Period);
        await _monitor.TickAsync(default);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _monitor.Dispose();
        _scene.Dispose();
        _frame.Dispose();
    }
}
