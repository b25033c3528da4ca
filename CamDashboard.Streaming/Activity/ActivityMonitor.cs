using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CamDashboard.Streaming.Activity;

/// <summary>Watches, on the node that captures them, every camera whose settings ask for it:
/// <see cref="Fps"/> times a second it takes the camera's newest small frame (the tiles' own
/// rendition, encoded once for everyone, or for this alone while no tile is open) and measures
/// how much changed. Starts and ends of activity are events and, once ended, history. Other
/// nodes follow the owner's events.</summary>
internal sealed class ActivityMonitor(
    CameraCatalog cameras, LiveEvents events, IActivityHistory history, ICameraRelays relays, TimeProvider time, ILogger<ActivityMonitor> logger) : BackgroundService
{
    /// <summary>Analysed frames per second.</summary>
    public const int Fps = ActivitySettings.AnalysedPerSecond;

    /// <summary>The time between two looks at every watched camera.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1.0 / Fps);

    // Only the loop touches these.
    private readonly Dictionary<Camera, Watch> _watches = [];

    private IDisposable? _following;

    // Other nodes' cameras are followed from the start, not from the loop's first step.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _following = events.Subscribe(Follow);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _following?.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var watch in _watches.Values)
            {
                watch.Dispose();
            }

            _watches.Clear();
        }
    }

    /// <summary>One look at every camera (the loop's step; tests take it on their own clock).</summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var camera in cameras.All)
        {
            try
            {
                await LookAsync(camera, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One camera's trouble stops neither the others' watch nor the app.
                StreamingLog.ActivityFailed(logger, camera.Id, ex);
                _watches.GetValueOrDefault(camera)?.Detector.Reset();
            }
        }

        // Removed, or redefined into a new camera of the same id.
        foreach (var gone in _watches.Keys.Where(c => !ReferenceEquals(cameras.Find(c.Id), c)).ToList())
        {
            await ForgetAsync(gone, reset: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LookAsync(Camera camera, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = camera.Settings.Activity;
        // One node alone captures every camera; in a cluster, the camera's owner (none while unknown).
        var capturedHere = events.Node.Length == 0 || relays.OwnerOf(camera.Id) == events.Node;
        if (settings is null || !capturedHere)
        {
            await ForgetAsync(camera, settings is null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_watches.TryGetValue(camera, out var watch))
        {
            watch = new Watch(((IFrameFeed)camera).Watch(FrameTier.Small, Fps));
            _watches[camera] = watch;
        }

        if (Observe(camera, watch, settings, now))
        {
            await AnnounceAsync(camera, watch.Tracker, cancellationToken).ConfigureAwait(false);
        }
    }

    // True when this look started or ended a period.
    private static bool Observe(Camera camera, Watch watch, ActivitySettings settings, DateTimeOffset now)
    {
        var feed = (IFrameFeed)camera;
        var frame = feed.SlotFor(FrameTier.Small).Latest;
        bool turned;
        if (feed.IsDown || frame is null || frame.Sequence == watch.LastSequence)
        {
            // Nothing new to compare (a camera down, or slower than the looks): only time passes.
            if (feed.IsDown)
            {
                watch.Detector.Reset();
            }

            turned = watch.Tracker.Quiet(now);
        }
        else
        {
            watch.LastSequence = frame.Sequence;
            turned = watch.Tracker.Observe(watch.Detector.Measure(frame.Jpeg.Span, settings.Mask), settings.AreaThreshold, now);
        }

        camera.SetActivity(watch.Tracker.Status);
        return turned;
    }

    // An ended period is kept before it is announced: a page that reads the history on the event finds it there.
    private async Task AnnounceAsync(Camera camera, ActivityTracker tracker, CancellationToken cancellationToken)
    {
        var status = tracker.Status;
        if (status.Active)
        {
            StreamingLog.ActivityStarted(logger, camera.Id, status.Level);
        }
        else
        {
            StreamingLog.ActivityEnded(logger, camera.Id, status.Peak);
            try
            {
                await history.RecordAsync(new ActivityPeriod(camera.Id, status.Since ?? tracker.LastChange, tracker.LastChange, status.Peak), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The live state and the event stand; only the history misses the period.
                StreamingLog.ActivityNotKept(logger, camera.Id, ex);
            }
        }

        events.Publish(new CameraActivityChanged(camera.Id, status.Active, status.Level, status.Peak, status.Since));
    }

    // Stops watching: a period under way ends now. Switched off (or gone), the camera shows no
    // activity; captured elsewhere, it shows the owner's, as followed.
    private async Task ForgetAsync(Camera camera, bool reset, CancellationToken cancellationToken)
    {
        if (!_watches.Remove(camera, out var watch))
        {
            return;
        }

        using (watch)
        {
            if (watch.Tracker.Stop())
            {
                camera.SetActivity(watch.Tracker.Status);
                await AnnounceAsync(camera, watch.Tracker, cancellationToken).ConfigureAwait(false);
            }
        }

        if (reset)
        {
            camera.SetActivity(ActivityStatus.Quiet);
        }
    }

    // Another node's camera: its activity as that node measured it.
    private void Follow(LiveEvent change)
    {
        if (change is CameraActivityChanged activity && !events.IsLocal(activity) && cameras.Find(activity.CameraId) is { } camera)
        {
            camera.SetActivity(new ActivityStatus(activity.Active, activity.Level, activity.Peak, activity.Since, camera.Activity.Analysed));
        }
    }

    private sealed class Watch(IDisposable lease) : IDisposable
    {
        public ActivityDetector Detector { get; } = new();

        public ActivityTracker Tracker { get; } = new();

        public long LastSequence { get; set; }

        public void Dispose()
        {
            lease.Dispose();
            Detector.Dispose();
        }
    }
}
