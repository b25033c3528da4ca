using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Timing;

namespace CamDashboard.Streaming.Cameras;

/// <summary>One of a camera's sources — its main stream or its substream — as its capture loop
/// reports it: where it is, what it delivers, and how fast. The capture thread and the stall
/// watchdog both report; one lock keeps the state in the order they decided it.</summary>
public sealed class StreamStatus
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly RateMeter _captured;
    private readonly RateMeter _arrived;
    private CameraState _state = CameraState.Starting;
    private DateTimeOffset _since;
    private string? _error;
    private string? _format;
    private double? _declaredFps;
    private int _width;
    private int _height;

    internal StreamStatus(StreamRole role, string source, TimeProvider time)
    {
        Role = role;
        Source = source;
        _time = time;
        _captured = new RateMeter(time);
        _arrived = new RateMeter(time);
        _since = time.GetUtcNow();
    }

    /// <summary>Raised after <see cref="State"/> changed (on the reporting thread).</summary>
    internal event Action<StreamStatus>? StateChanged;

    /// <summary>Main stream or substream.</summary>
    public StreamRole Role { get; }

    /// <summary>The source with any password or token masked, fit to show.</summary>
    public string Source { get; }

    /// <summary>Where its capture loop is.</summary>
    public CameraState State => _state;

    /// <summary>When <see cref="State"/> last changed.</summary>
    public DateTimeOffset StateSince => _since;

    /// <summary>Why the source last failed, fit to show (no credentials); null while it works.</summary>
    public string? LastError => Volatile.Read(ref _error);

    /// <summary>What the source delivers ("H.264 over RTSP, 1920×1080, 25 fps"), once opened.</summary>
    public string? Format => Volatile.Read(ref _format);

    /// <summary>The source's own picture width (0 before its first frame).</summary>
    public int Width => _width;

    /// <summary>The source's own picture height (0 before its first frame).</summary>
    public int Height => _height;

    /// <summary>Frames captured per second, measured: what is converted and encoded from, within the camera's max fps.</summary>
    public double Fps => _captured.Rate;

    /// <summary>The rate the source itself delivers: what it declares, else what arrives from it
    /// before the max-fps cap; null before anything arrived.</summary>
    public double? SourceFps => _declaredFps ?? (_arrived.Count > 0 ? _arrived.Rate : null);

    /// <summary>Frames captured.</summary>
    public long FramesCaptured => _captured.Count;

    /// <summary>Whether it can serve viewers now or soon (starting, live or in standby).</summary>
    public bool IsHealthy => _state is CameraState.Starting or CameraState.Live or CameraState.Standby;

    /// <summary>Whether a frame has come from it since it was started.</summary>
    internal bool HasDelivered => Volatile.Read(ref _width) > 0;

    internal void OnStarting() => Transition(CameraState.Starting, null);

    /// <summary>What the source says it is and how fast it comes; an unknown rate keeps the last one known.</summary>
    internal void OnOpened(string format, double? declaredFps)
    {
        Volatile.Write(ref _format, format);
        _declaredFps = declaredFps ?? _declaredFps;
    }

    /// <summary>A frame came from the source (before the max-fps cap).</summary>
    internal void OnArrived() => _arrived.Tick();

    /// <summary>A frame was captured: the source's own size, and it is live.</summary>
    internal void OnCaptured(int width, int height)
    {
        _captured.Tick();
        (_width, _height) = (width, height);
        if (_state != CameraState.Live)
        {
            Transition(CameraState.Live, null);
        }
    }

    /// <summary>The source was checked and is there, and nobody wants its pictures.</summary>
    internal void OnIdle()
    {
        if (_state != CameraState.Standby)
        {
            Transition(CameraState.Standby, null);
        }
    }

    /// <summary>The source failed (<paramref name="error"/> says why); true when it had been live.</summary>
    internal bool OnLost(CameraState state, string? error) => Transition(state, error) == CameraState.Live;

    internal void Redefine(string? format)
    {
        Volatile.Write(ref _format, format);
        _declaredFps = null;
    }

    private CameraState Transition(CameraState state, string? error)
    {
        CameraState previous;
        lock (_gate)
        {
            previous = _state;
            if (error is not null || state is CameraState.Live or CameraState.Standby or CameraState.Starting)
            {
                // Whatever a source or a library said: shown to admins and logged, so never a password.
                Volatile.Write(ref _error, error is null ? null : CameraSourceSpec.RedactText(error));
            }

            if (previous == state)
            {
                return previous;
            }

            _state = state;
            _since = _time.GetUtcNow();
        }

        StateChanged?.Invoke(this);
        return previous;
    }
}
