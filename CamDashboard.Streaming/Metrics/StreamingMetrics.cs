using System.Diagnostics.Metrics;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Streaming.Metrics;

/// <summary>The <c>CamDashboard.Streaming</c> meter: per camera, capture, encode and state; per
/// camera and viewer kind, viewers connected and what they were sent. Every instrument is
/// observed when a scrape asks, from counters the cameras and viewers keep anyway, so the frame
/// path pays nothing for it. Delivery counters stay monotonic across viewers leaving: what a
/// viewer was sent is kept per camera and kind when it goes.</summary>
public sealed class StreamingMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "CamDashboard.Streaming";

    private readonly CameraCatalog _cameras;
    private readonly IViewerRegistry _viewers;
    private readonly Meter _meter;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Camera, ViewerKind Kind), Delivered> _departed = [];
    private readonly HashSet<Viewer> _connected = [];
    // Every state with its name in lower case, as MQTT says it ("live", "reconnecting").
    private static readonly (CameraState State, string Name)[] States = [.. Enum.GetValues<CameraState>().Select(s => (s, s.ToString().ToLowerInvariant()))];

    public StreamingMetrics(IMeterFactory meters, CameraCatalog cameras, IViewerRegistry viewers)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _cameras = cameras;
        _viewers = viewers;
        _viewers.Changed += OnViewerChanged;
        lock (_gate)
        {
            _connected.UnionWith(viewers.Viewers);
        }

        _meter = meters.Create(MeterName);
        PerCamera("camdashboard.camera.frames.captured", "{frame}", "Frames read from the camera's source.", c => c.FramesCaptured);
        PerCamera("camdashboard.camera.frames.encoded", "{frame}", "JPEG encodes: once per captured frame for each tier watched, however many watch it.", c => c.FramesEncoded);
        PerCamera("camdashboard.camera.frames.passed_through", "{frame}", "Frames served as the camera's own JPEG, without decode or encode.", c => c.FramesPassedThrough);
        // Encode time is a histogram of its own (EncodeDurations); the capture rate is rate() of frames captured.
        _meter.CreateObservableGauge("camdashboard.camera.up", () => Each(c => IsUp(c.State) ? 1 : 0), "1", "1 while the camera is up (live, or in standby: reachable, nobody watching).");
        _meter.CreateObservableGauge("camdashboard.camera.state", ObserveState, "1", "1 for the state the camera is in, 0 for every other: one series per camera and state, so none comes and goes.");
        _meter.CreateObservableUpDownCounter("camdashboard.viewers", ObserveViewers, "{viewer}", "Viewers connected now, by camera, kind and the tier they are sent.");
        _meter.CreateObservableCounter("camdashboard.viewer.sent", () => Delivery(d => d.Bytes), "By", "Bytes delivered to viewers.");
        _meter.CreateObservableCounter("camdashboard.viewer.frames.sent", () => Delivery(d => d.Frames), "{frame}", "Frames delivered to viewers.");
        _meter.CreateObservableCounter("camdashboard.viewer.frames.dropped", () => Delivery(d => d.Dropped), "{frame}", "Frames viewers skipped because they were still busy with an earlier one.");
    }

    public void Dispose()
    {
        _viewers.Changed -= OnViewerChanged;
        _meter.Dispose();
    }

    private void PerCamera(string name, string unit, string description, Func<Camera, long> value) =>
        _meter.CreateObservableCounter(name, () => Each(value), unit, description);

    private IEnumerable<Measurement<T>> Each<T>(Func<Camera, T> value) where T : struct =>
        _cameras.All.Select(c => new Measurement<T>(value(c), new KeyValuePair<string, object?>("camera", c.Id)));

    private static bool IsUp(CameraState state) => state is CameraState.Live or CameraState.Standby;

    private IEnumerable<Measurement<int>> ObserveState() =>
        from camera in _cameras.All
        let now = camera.State
        from state in States
        select new Measurement<int>(
            state.State == now ? 1 : 0,
            new KeyValuePair<string, object?>("camera", camera.Id),
            new KeyValuePair<string, object?>("state", state.Name));

    private List<Measurement<long>> ObserveViewers()
    {
        Dictionary<(string Camera, ViewerKind Kind, FrameTier Tier), long> counts;
        lock (_gate)
        {
            // A camera and kind that had viewers stays in the series at 0 once they left.
            counts = _departed.Keys.ToDictionary(k => (k.Camera, k.Kind, FrameTier.Full), _ => 0L);
            foreach (var viewer in _connected)
            {
                var key = (viewer.Description.CameraId, viewer.Description.Kind, viewer.Tier);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return [.. counts.Select(e => new Measurement<long>(
            e.Value,
            new KeyValuePair<string, object?>("camera", e.Key.Camera),
            new KeyValuePair<string, object?>("kind", e.Key.Kind.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("tier", FrameTiers.Name(e.Key.Tier))))];
    }

    private List<Measurement<long>> Delivery(Func<Delivered, long> value)
    {
        // One lock with the move from connected to departed: a viewer leaving mid-scrape is
        // counted once, never zero times (a dip would read as a counter reset).
        Dictionary<(string Camera, ViewerKind Kind), Delivered> totals;
        lock (_gate)
        {
            totals = new(_departed);
            foreach (var viewer in _connected)
            {
                var key = (viewer.Description.CameraId, viewer.Description.Kind);
                totals[key] = totals.GetValueOrDefault(key) + (Delivered.Of(viewer) with { Connected = 1 });
            }
        }

        return [.. totals.Select(e => new Measurement<long>(
            value(e.Value),
            new KeyValuePair<string, object?>("camera", e.Key.Camera),
            new KeyValuePair<string, object?>("kind", e.Key.Kind.ToString().ToLowerInvariant())))];
    }

    private void OnViewerChanged(object? sender, ViewerChange change)
    {
        var viewer = change.Viewer;
        lock (_gate)
        {
            if (change.Kind == ViewerChangeKind.Added)
            {
                _connected.Add(viewer);
            }
            else if (_connected.Remove(viewer))
            {
                var key = (viewer.Description.CameraId, viewer.Description.Kind);
                _departed[key] = _departed.GetValueOrDefault(key) + Delivered.Of(viewer);
            }
        }
    }

    private readonly record struct Delivered(long Connected, long Bytes, long Frames, long Dropped)
    {
        public static Delivered Of(Viewer viewer) => new(0, viewer.BytesSent, viewer.FramesSent, viewer.FramesDropped);

        public static Delivered operator +(Delivered a, Delivered b) =>
            new(a.Connected + b.Connected, a.Bytes + b.Bytes, a.Frames + b.Frames, a.Dropped + b.Dropped);
    }
}
