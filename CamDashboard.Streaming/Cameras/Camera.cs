using System.Globalization;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Metrics;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Pipeline;

namespace CamDashboard.Streaming.Cameras;

/// <summary>A camera: its definition, live state, settings and counters. Frames enter through
/// the capture loop; encoded frames leave through the camera's frame slot.</summary>
public sealed class Camera
{
    // The capture thread and the stall watchdog may both report; one lock keeps the slot's
    // frames and the state in the order they were decided.
    private readonly Lock _publishing = new();
    private readonly TimeProvider _time;
    private readonly RateMeter _captureRate;
    private readonly JpegEncoder _encoder = new();
    private readonly FrameSlot[] _slots = [.. FrameTiers.All.Select(_ => new FrameSlot())];
    private CameraSettings _settings;
    private CameraOptions _options;
    private CameraState _state;
    private string? _lastError;
    private string? _format;
    private DateTimeOffset _stateSince;
    private int _width;
    private int _height;
    private long _lastEncodeAt;
    private double _encodeCredit = 1;
    private long _frameSequence;

    internal Camera(CameraOptions options, CameraOrigin origin, TimeProvider time)
    {
        _options = options;
        Origin = origin;
        _time = time;
        _captureRate = new RateMeter(time);
        _settings = new CameraSettings(options.EffectiveQuality, options.MaxFps);
        _state = options.Enabled ? CameraState.Starting : CameraState.Disabled;
        _stateSince = time.GetUtcNow();
    }

    /// <summary>Raised when <see cref="State"/> changes (on the capture thread).</summary>
    public event EventHandler? StateChanged;

    /// <summary>The camera's id, as in <c>/stream/{id}</c>.</summary>
    public string Id => Options.Id;

    /// <summary>The display name.</summary>
    public string Name => Options.DisplayName;

    /// <summary>The name with the id beside it ("Front door (door)"), or the id alone when it is the name: for logs and the audit trail.</summary>
    public string Label => string.Equals(Name, Id, StringComparison.Ordinal) ? Id : $"{Name} ({Id})";

    /// <summary>What kind of source feeds it.</summary>
    public SourceKind SourceKind => CameraSourceSpec.KindOf(Options.Source);

    /// <summary>What the source is, in words ("RTSP camera").</summary>
    public string SourceDescription => CameraSourceSpec.Describe(Options.Source);

    /// <summary>The source with any password or token masked, fit to show.</summary>
    public string Source => CameraSourceSpec.Redact(Options.Source);

    /// <summary>The source's user name, if one is set apart from the URL.</summary>
    public string? Username => Options.Username;

    /// <summary>Whether the source delivers JPEG, so that quality Original passes it through.</summary>
    public bool MayDeliverJpeg => CameraSourceSpec.MayDeliverJpeg(Options.Source);

    /// <summary>A copy of the definition to edit (the password included: callers that show it must clear it).</summary>
    public CameraOptions Definition => Options.Clone();

    /// <summary>Whether the camera is captured.</summary>
    public bool Enabled => Options.Enabled;

    /// <summary>Where the definition comes from.</summary>
    public CameraOrigin Origin { get; }

    /// <summary>Why the source last failed, fit to show (no credentials); null while live.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>What the source delivers (e.g. "H.264 over RTSP, 1280×720"), once opened.</summary>
    public string? Format => Volatile.Read(ref _format);

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

    /// <summary>The newest encoded frame of the full tier (null before anyone has watched it).</summary>
    public EncodedFrame? LatestFrame => Slot.Latest;

    /// <summary>Frames read from the source.</summary>
    public long FramesCaptured => _captureRate.Count;

    /// <summary>JPEG encodes (live and offline frames, one per tier watched).</summary>
    public long FramesEncoded => _encoder.FramesEncoded;

    /// <summary>Frames served as the source's own JPEG, without decode or encode.</summary>
    public long FramesPassedThrough => _encoder.FramesPassedThrough;

    /// <summary>Total time spent encoding.</summary>
    public TimeSpan EncodeTime => _encoder.EncodeTime;

    internal CameraOptions Options => Volatile.Read(ref _options);

    /// <summary>The full tier's slot.</summary>
    internal FrameSlot Slot => _slots[(int)FrameTier.Full];

    /// <summary>The slot <paramref name="tier"/>'s frames are published to.</summary>
    internal FrameSlot SlotFor(FrameTier tier) => _slots[(int)tier];

    /// <summary>The tiers somebody watches now.</summary>
    public IReadOnlyList<FrameTier> TiersInUse => [.. FrameTiers.All.Where(t => SlotFor(t).HasDemand)];

    /// <summary>Changes quality and frame rate cap; the next captured frame uses them.</summary>
    public void ApplySettings(CameraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsValidFor(MayDeliverJpeg))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings, CameraSettings.QualityRule(MayDeliverJpeg) + " " + CameraSettings.FpsRule);
        }

        Volatile.Write(ref _settings, settings);
    }

    /// <summary>Replaces the definition (source, name, credentials); the host restarts capture.</summary>
    internal void Redefine(CameraOptions options)
    {
        Volatile.Write(ref _options, options);
        Volatile.Write(ref _format, null);
    }

    /// <summary>Called by the capture loop when the source has opened.</summary>
    internal void OnSourceOpened(string format) => Volatile.Write(ref _format, format);

    /// <summary>Called by the capture loop for every frame read. Each tier somebody watches gets
    /// its rendition, encoded once; a JPEG frame at quality Original goes to the full tier's
    /// viewers as its bytes are.</summary>
    internal void OnFrameCaptured(SourceFrame frame)
    {
        _captureRate.Tick();
        _width = frame.Width;
        _height = frame.Height;
        lock (_publishing)
        {
            Volatile.Write(ref _lastError, null);
            SetState(CameraState.Live);
            if (!_slots.Any(s => s.HasDemand) || !TakeEncodeTurn())
            {
                return;
            }

            var quality = Settings.Quality;
            var now = _time.GetUtcNow();
            var sequence = ++_frameSequence;
            foreach (var tier in FrameTiers.All)
            {
                var slot = SlotFor(tier);
                if (!slot.HasDemand)
                {
                    continue;
                }

                slot.Publish(tier == FrameTier.Full && quality == CameraSettings.Original && frame.IsJpeg
                    ? _encoder.PassThrough(frame.Jpeg.Span, frame.Width, frame.Height, sequence, now)
                    : _encoder.Encode(frame.Pixels, tier, EncodeQuality(quality), sequence, now));
            }
        }
    }

    /// <summary>Marks the camera down (<paramref name="error"/> says why) and shows viewers,
    /// once, since when.</summary>
    internal void OnSourceLost(CameraState state, string? error = null)
    {
        lock (_publishing)
        {
            if (error is not null)
            {
                Volatile.Write(ref _lastError, error);
            }

            if (_state == state || _state is CameraState.Stopped or CameraState.Disabled)
            {
                return;
            }

            var wasUp = _state == CameraState.Live;
            SetState(state);
            PublishOfflineFrame(wasUp);
        }
    }

    internal void SetState(CameraState state)
    {
        if (_state == state)
        {
            return;
        }

        if (state == CameraState.Starting)
        {
            Volatile.Write(ref _lastError, null);
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

    // Every tier shows it, so that a viewer on any tier sees the camera go down.
    private void PublishOfflineFrame(bool wasUp)
    {
        var slots = FrameTiers.All.Where(t => wasUp || SlotFor(t).Latest is null).ToList();
        if (slots.Count == 0)
        {
            return;
        }

        using var image = DrawOfflineFrame();
        var sequence = ++_frameSequence;
        var now = _time.GetUtcNow();
        foreach (var tier in slots)
        {
            SlotFor(tier).Publish(_encoder.Encode(image, tier, EncodeQuality(Settings.Quality), sequence, now));
        }
    }

    private Mat DrawOfflineFrame()
    {
        var width = _width > 0 ? _width : 640;
        var height = _height > 0 ? _height : 360;
        var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(48, 32, 32));
        var scale = height / 360.0;
        var since = _stateSince.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Cv2.PutText(image, Name, new Point(20 * scale, height / 2 - 20 * scale), HersheyFonts.HersheySimplex, scale, Scalar.White, Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        Cv2.PutText(image, $"offline since {since}", new Point(20 * scale, height / 2 + 25 * scale), HersheyFonts.HersheySimplex, scale * 0.8, new Scalar(120, 160, 255), Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        return image;
    }

    // Original has no JPEG to pass when the frame is pixels (the offline frame, a pixel source).
    private static int EncodeQuality(int quality) => quality == CameraSettings.Original ? CameraSettings.DefaultQuality : quality;
}
