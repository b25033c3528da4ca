using System.Globalization;
using CamDashboard.Streaming.Encoding;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Metrics;
using CamDashboard.Streaming.Settings;
using OpenCvSharp;

namespace CamDashboard.Streaming.Cameras;

/// <summary>A configured camera: its live state, settings and counters. Frames enter through
/// the capture loop; encoded frames leave through the camera's frame slot.</summary>
public sealed class Camera
{
    private readonly TimeProvider _time;
    private readonly RateMeter _captureRate;
    private readonly JpegEncoder _encoder = new();
    private CameraSettings _settings;
    private CameraState _state = CameraState.Starting;
    private DateTimeOffset _stateSince;
    private int _width;
    private int _height;
    private long _lastEncodeAt;
    private double _encodeCredit = 1;

    internal Camera(CameraOptions options, TimeProvider time)
    {
        Options = options;
        _time = time;
        _captureRate = new RateMeter(time);
        _settings = new CameraSettings(options.Quality, options.MaxFps);
        _stateSince = time.GetUtcNow();
    }

    /// <summary>Raised when <see cref="State"/> changes (on the capture thread).</summary>
    public event EventHandler? StateChanged;

    /// <summary>The camera's id, as in <c>/stream/{id}</c>.</summary>
    public string Id => Options.Id;

    /// <summary>The display name.</summary>
    public string Name => Options.DisplayName;

    /// <summary>What kind of source feeds it.</summary>
    public SourceKind SourceKind => CameraSourceSpec.KindOf(Options.Source);

    /// <summary>Where the capture loop is.</summary>
    public CameraState State => _state;

    /// <summary>When <see cref="State"/> last changed.</summary>
    public DateTimeOffset StateSince => _stateSince;

    /// <summary>Frames captured per second, measured.</summary>
    public double Fps => _captureRate.Rate;

    /// <summary>Width of the last captured frame (0 before the first).</summary>
    public int Width => _width;

    /// <summary>Height of the last captured frame (0 before the first).</summary>
    public int Height => _height;

    /// <summary>The current quality and frame rate cap.</summary>
    public CameraSettings Settings => Volatile.Read(ref _settings);

    /// <summary>The newest encoded frame (null before anyone has watched).</summary>
    public EncodedFrame? LatestFrame => Slot.Latest;

    /// <summary>Frames read from the source.</summary>
    public long FramesCaptured => _captureRate.Count;

    /// <summary>Frames encoded to JPEG (live and offline frames).</summary>
    public long FramesEncoded => _encoder.FramesEncoded;

    /// <summary>Total time spent encoding.</summary>
    public TimeSpan EncodeTime => _encoder.EncodeTime;

    internal CameraOptions Options { get; }

    internal FrameSlot Slot { get; } = new();

    /// <summary>Changes quality and frame rate cap; the next captured frame uses them.</summary>
    public void ApplySettings(CameraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings, "Quality must be 1-100 and MaxFps 1-60.");
        }

        Volatile.Write(ref _settings, settings);
    }

    /// <summary>Called by the capture loop for every frame read.</summary>
    internal void OnFrameCaptured(Mat frame)
    {
        _captureRate.Tick();
        _width = frame.Width;
        _height = frame.Height;
        SetState(CameraState.Live);
        if (!Slot.HasDemand || !TakeEncodeTurn())
        {
            return;
        }

        Slot.Publish(_encoder.Encode(frame, Settings.Quality, _time.GetUtcNow()));
    }

    /// <summary>Marks the camera down and shows viewers, once, since when.</summary>
    internal void OnSourceLost(CameraState state)
    {
        if (_state == state || _state == CameraState.Stopped)
        {
            return;
        }

        var wasUp = _state == CameraState.Live;
        SetState(state);
        if (wasUp || Slot.Latest is null)
        {
            Slot.Publish(EncodeOfflineFrame());
        }
    }

    internal void SetState(CameraState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        _stateSince = _time.GetUtcNow();
        StateChanged?.Invoke(this, EventArgs.Empty);
    }

    // Spends one frame of the MaxFps budget. Credit accrues with elapsed time and is capped at
    // three frames, so a source at exactly MaxFps whose frames come in jittery bursts (a late
    // read, then two quick ones) still has every frame encoded.
    private bool TakeEncodeTurn()
    {
        var now = _time.GetTimestamp();
        if (_lastEncodeAt != 0)
        {
            _encodeCredit = Math.Min(3, _encodeCredit + _time.GetElapsedTime(_lastEncodeAt, now).TotalSeconds * Settings.MaxFps);
        }

        _lastEncodeAt = now;
        if (_encodeCredit < 1)
        {
            return false;
        }

        _encodeCredit -= 1;
        return true;
    }

    private EncodedFrame EncodeOfflineFrame()
    {
        var width = _width > 0 ? _width : 640;
        var height = _height > 0 ? _height : 360;
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(48, 32, 32));
        var scale = height / 360.0;
        var since = _stateSince.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Cv2.PutText(image, Name, new Point(20 * scale, height / 2 - 20 * scale), HersheyFonts.HersheySimplex, scale, Scalar.White, Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        Cv2.PutText(image, $"offline since {since}", new Point(20 * scale, height / 2 + 25 * scale), HersheyFonts.HersheySimplex, scale * 0.8, new Scalar(120, 160, 255), Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        return _encoder.Encode(image, Settings.Quality, _time.GetUtcNow());
    }
}
