using System.Runtime.CompilerServices;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Streaming.FanOut;

/// <summary>A connection's own view of a camera, registered as a scoped service so that each
/// request owns exactly one: it hands out the next frame newer than the last one sent, skips
/// (and counts) frames missed while busy, keeps to the viewer's fps cap, and keeps the viewer
/// in the registry and the camera's tier in demand for exactly the life of the request.
/// It holds no frame of its own: per-viewer memory is the same whatever the lag.</summary>
internal sealed class FrameRetriever : IDisposable
{
    // A waiting viewer starts from the newest frame only if it is this fresh; an older one
    // (left from a time nobody watched) would show a moment long past.
    private static readonly TimeSpan FreshFrameAge = TimeSpan.FromSeconds(1);
    private readonly IViewerRegistry _registry;
    private readonly TimeProvider _time;
    private readonly FrameWaiter _waiter = new();
    private readonly Lock _pausing = new();
    private IFrameFeed? _feed;
    private Viewer? _viewer;
    private FrameSlot? _slot;
    private IDisposable? _demand;
    private long _lastSequence;
    private long _lastOrdinal;
    private long _interval;
    private int? _maxFps;
    private long _nextDue;
    // Completed while the viewer takes frames; a pending one while its client has paused it.
    private TaskCompletionSource _resumed = Resumed();

    /// <summary>Created by DI, one per request.</summary>
    public FrameRetriever(IViewerRegistry registry, TimeProvider time)
    {
        _registry = registry;
        _time = time;
    }

    /// <summary>The registry entry of this connection.</summary>
    public Viewer Viewer => _viewer ?? throw new InvalidOperationException("The retriever is not attached to a camera.");

    /// <summary>The rendition this connection is sent.</summary>
    public FrameTier Tier => Viewer.Tier;

    /// <summary>Starts watching <paramref name="feed"/>'s <paramref name="tier"/>;
    /// <paramref name="maxFps"/> caps this viewer's rate.</summary>
    public void Attach(IFrameFeed feed, ViewerDescription description, int? maxFps = null, FrameTier tier = FrameTier.Full)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (_feed is not null)
        {
            throw new InvalidOperationException("A retriever serves one camera for the life of its request.");
        }

        // Registered first: if that throws, no demand is left behind to keep the camera busy.
        _viewer = _registry.Register(description);
        _viewer.Tier = tier;
        _feed = feed;
        _slot = feed.SlotFor(tier);
        _maxFps = maxFps;
        _interval = maxFps is > 0 ? _time.TimestampFrequency / maxFps.Value : 0;
        var latest = _slot.Latest;
        var startFromLatest = latest is not null &&
            (feed.IsDown || _time.GetUtcNow() - latest.CapturedAt < FreshFrameAge);
        _lastSequence = latest is null ? 0 : startFromLatest ? latest.Sequence - 1 : latest.Sequence;
        _lastOrdinal = latest is null ? 0 : startFromLatest ? latest.Ordinal - 1 : latest.Ordinal;
        _demand = feed.Watch(tier, maxFps);
    }

    /// <summary>The rate this viewer would get from a fast connection: the camera's, within its
    /// cap and the viewer's own.</summary>
    public double WantedFps => (_feed ?? throw new InvalidOperationException("Attach first.")).WantedFps(Viewer.Tier, _maxFps);

    /// <summary>Switches this connection to <paramref name="tier"/> from the next frame: the new
    /// tier is encoded from the next captured frame on, the old one stops if nobody else needs it.
    /// Frame numbers are shared by every tier, so no frame is sent twice or counted as dropped.</summary>
    public void ChangeTier(FrameTier tier)
    {
        var feed = _feed ?? throw new InvalidOperationException("Attach first.");
        if (tier == Viewer.Tier || Viewer.IsPaused)
        {
            return;
        }

        var demand = feed.Watch(tier, _maxFps);
        _demand?.Dispose();
        _demand = demand;
        _slot = feed.SlotFor(tier);
        // Frames of the new tier before the switch were never this viewer's to drop.
        _lastOrdinal = _slot.Latest?.Ordinal ?? 0;
        Viewer.Tier = tier;
    }

    /// <summary>Stops handing out frames until <see cref="Resume"/> (once the viewer has one), and
    /// releases the camera's demand meanwhile: a camera nobody else watches may rest. The viewer
    /// stays registered.</summary>
    public void Pause()
    {
        lock (_pausing)
        {
            if (Viewer.IsPaused)
            {
                return;
            }

            Viewer.IsPaused = true;
            _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Viewer.FramesSent > 0)
            {
                ReleaseDemand();
            }
        }
    }

    // Paused before its first frame, a viewer keeps the camera awake until it has one.
    private void ReleaseDemand()
    {
        _demand?.Dispose();
        _demand = null;
    }

    /// <summary>Takes frames again, from the newest: those published while paused were never
    /// this viewer's to drop.</summary>
    public void Resume()
    {
        lock (_pausing)
        {
            if (!Viewer.IsPaused || _feed is not { } feed)
            {
                return;
            }

            _demand ??= feed.Watch(Viewer.Tier, _maxFps);
            _lastOrdinal = _slot?.Latest?.Ordinal ?? _lastOrdinal;
            Viewer.IsPaused = false;
            _resumed.TrySetResult();
        }
    }

    private static TaskCompletionSource Resumed()
    {
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        resumed.SetResult();
        return resumed;
    }

    /// <summary>Waits for the next frame this viewer should get.</summary>
    // Pooled: every viewer calls this once per frame, and most calls wait.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<EncodedFrame> NextAsync(CancellationToken cancellationToken)
    {
        // Paused, it still gets a first frame: a tile out of sight has a picture when it is seen.
        if (Viewer.IsPaused && Viewer.FramesSent > 0)
        {
            Task resumed;
            lock (_pausing)
            {
                if (Viewer.IsPaused)
                {
                    ReleaseDemand();
                }

                resumed = _resumed.Task;
            }

            await resumed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var slot = _slot ?? throw new InvalidOperationException("Attach first.");
        if (slot.Latest is { } latest && latest.Sequence > _lastSequence && latest.Ordinal > _lastOrdinal + 1)
        {
            Viewer.RecordDropped(latest.Ordinal - _lastOrdinal - 1);
        }

        if (_interval > 0 && _nextDue != 0)
        {
            var wait = _time.GetElapsedTime(_time.GetTimestamp(), _nextDue);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        var next = slot.NewerThanAsync(_lastSequence, _waiter);
        EncodedFrame frame;
        if (next.IsCompleted)
        {
            frame = next.Result;
        }
        else
        {
            using (cancellationToken.UnsafeRegister(static (state, token) => ((FrameRetriever)state!).CancelWait(token), this))
            {
                frame = await next.ConfigureAwait(false);
            }
        }

        _lastSequence = frame.Sequence;
        _lastOrdinal = frame.Ordinal;
        if (_interval > 0)
        {
            // Keep to an ideal schedule, so waiting for the frame after each due time does not
            // pull the rate below the cap; a viewer far behind starts a new schedule.
            var now = _time.GetTimestamp();
            _nextDue = _nextDue == 0 || now - _nextDue > _interval ? now + _interval : _nextDue + _interval;
        }

        return frame;
    }

    private void CancelWait(CancellationToken token) => _slot?.Cancel(_waiter, token);

    /// <summary>Marks the start of waiting for the client: a write, or room on its link (for the idle timeout).</summary>
    public void BeginWrite() => Viewer.BeginWrite();

    /// <summary>Marks the end of a wait for room on the client's link, before the next frame is taken.</summary>
    public void ClientReady() => Viewer.ClientReady();

    /// <summary>Records a frame delivered.</summary>
    public void Sent(int bytes) => Viewer.EndWrite(bytes);

    /// <summary>Leaves the registry and releases the camera's demand.</summary>
    public void Dispose()
    {
        if (_viewer is null || _slot is null)
        {
            return;
        }

        _demand?.Dispose();
        _registry.Unregister(_viewer);
        _viewer.Dispose();
        _viewer = null;
        _feed = null;
        _slot = null;
        _demand = null;
    }
}
