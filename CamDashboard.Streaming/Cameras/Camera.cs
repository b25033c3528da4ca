using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Metrics;
using CamDashboard.Streaming.Pipeline;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Timing;

namespace CamDashboard.Streaming.Cameras;

/// <summary>A camera: its definition (an immutable snapshot, swapped whole), its settings, the
/// live state of its streams (main, and the optional substream), what its viewers want, and a
/// frame slot per tier. Frames enter from the capture loops; each tier somebody watches gets
/// its rendition, encoded once, from the stream that feeds it.</summary>
public sealed class Camera : IFrameFeed
{
    private readonly TimeProvider _time;
    private readonly FrameRenderer _renderer;
    private readonly FrameSlot[] _slots = [.. FrameTiers.All.Select(_ => new FrameSlot())];
    private readonly RateBudget[] _budgets;
    // One lock per stream: its capture thread and its stall watchdog publish in the order they decided.
    private readonly Lock[] _publishing = [new(), new()];
    private readonly Lock _stateGate = new();
    private CameraSettings _settings;
    private CameraOptions _options;
    private StreamStatus _main;
    private StreamStatus? _substream;
    private CameraState _state;
    private CameraState? _override;
    private DateTimeOffset _stateSince;
    private long _sequence;
    private ActivityStatus _activity = ActivityStatus.Quiet;

    internal Camera(CameraOptions options, CameraOrigin origin, TimeProvider time, StreamingLimits? limits = null, EncodeDurations? encodeDurations = null)
    {
        _options = options;
        _renderer = new FrameRenderer(encodeDurations is null ? null : took => encodeDurations.Record(Id, took));
        Origin = origin;
        _time = time;
        _budgets = [.. FrameTiers.All.Select(_ => new RateBudget(time))];
        _settings = new CameraSettings(options.EffectiveQuality, options.MaxFps);
        _main = NewStream(StreamRole.Main, options.Source);
        _substream = string.IsNullOrWhiteSpace(options.Substream) ? null : NewStream(StreamRole.Sub, options.Substream);
        _override = options.Enabled ? null : CameraState.Disabled;
        _state = _override ?? CameraState.Starting;
        _stateSince = time.GetUtcNow();
        Demand = new CameraDemand(this, time, limits ?? new StreamingLimits());
    }

    /// <summary>Raised when <see cref="State"/> changes (on the thread that changed it).</summary>
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
    public string Source => _main.Source;

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

    /// <summary>The main stream: the full tier, passthrough, the camera page.</summary>
    public StreamStatus Main => Volatile.Read(ref _main);

    /// <summary>The substream, when the camera has one: tiles and the low and small tiers while it is healthy.</summary>
    public StreamStatus? Substream => Volatile.Read(ref _substream);

    /// <summary>Where the camera is: live while any of its streams delivers, in standby while
    /// nobody watches, else where its main stream is.</summary>
    public CameraState State => _state;

    /// <summary>When <see cref="State"/> last changed.</summary>
    public DateTimeOffset StateSince => _stateSince;

    /// <summary>Why the camera is not live, fit to show (no credentials); null while it is.</summary>
    public string? LastError => _state switch
    {
        CameraState.Live => null,
        CameraState.Disabled => "Disabled by an admin.",
        _ => Main.LastError ?? Substream?.LastError,
    };

    /// <summary>What the main source delivers (e.g. "H.264 over RTSP, 1280×720"), once opened.</summary>
    public string? Format => Main.Format;

    /// <summary>Frames captured per second, measured: the main stream's while it is live, else the
    /// substream's (a grid's tiles come from it while the main stream stands by).</summary>
    public double Fps => Main.State == CameraState.Live || Substream is not { State: CameraState.Live } sub ? Main.Fps : sub.Fps;

    /// <summary>Width of the main stream's picture (0 before its first frame).</summary>
    public int Width => Main.Width;

    /// <summary>Height of the main stream's picture (0 before its first frame).</summary>
    public int Height => Main.Height;

    /// <summary>The current quality and frame rate cap.</summary>
    public CameraSettings Settings => Volatile.Read(ref _settings);

    /// <summary>The newest encoded frame of the full tier (null before anyone has watched it).</summary>
    public EncodedFrame? LatestFrame => SlotFor(FrameTier.Full).Latest;

    /// <summary>Its activity now, when <see cref="CameraSettings.Activity"/> is on (measured on the
    /// node that captures it; followed from there on the others).</summary>
    public ActivityStatus Activity => Volatile.Read(ref _activity);

    /// <summary>Whether the picture shows activity now: watched for it, live, and a period under way
    /// (a camera gone down keeps its last period's figures, not its badge).</summary>
    public bool SeesActivity => Activity.Active && Settings.Activity is not null && State == CameraState.Live;

    internal void SetActivity(ActivityStatus status) => Volatile.Write(ref _activity, status);

    /// <summary>Frames read from the camera's sources.</summary>
    public long FramesCaptured => Main.FramesCaptured + (Substream?.FramesCaptured ?? 0);

    /// <summary>JPEG encodes (live and offline frames, one per tier watched).</summary>
    public long FramesEncoded => _renderer.Encoder.FramesEncoded;

    /// <summary>Frames served as the source's own JPEG, without decode or encode.</summary>
    public long FramesPassedThrough => _renderer.Encoder.FramesPassedThrough;

    /// <summary>The tiers somebody watches now.</summary>
    public IReadOnlyList<FrameTier> TiersInUse => [.. FrameTiers.All.Where(Demand.IsWatched)];

    bool IFrameFeed.IsDown => _state is not (CameraState.Live or CameraState.Standby or CameraState.Starting);

    internal CameraOptions Options => Volatile.Read(ref _options);

    internal CameraDemand Demand { get; }

    internal FrameSlot SlotFor(FrameTier tier) => _slots[(int)tier];

    FrameSlot IFrameFeed.SlotFor(FrameTier tier) => SlotFor(tier);

    IDisposable IFrameFeed.Watch(FrameTier tier, int? maxFps) => Demand.Watch(tier, maxFps);

    double IFrameFeed.WantedFps(FrameTier tier, int? maxFps)
    {
        var stream = Demand.SourceOf(tier) == StreamRole.Sub ? Substream ?? Main : Main;
        return Math.Min(stream.Fps, Math.Min(Settings.MaxFps, maxFps ?? int.MaxValue));
    }

    /// <summary>Changes quality and frame rate cap; the next captured frame uses them.</summary>
    public void ApplySettings(CameraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsValidFor(MayDeliverJpeg))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings, CameraSettings.QualityRule(MayDeliverJpeg) + " " + CameraSettings.FpsRule);
        }

        Volatile.Write(ref _settings, settings);
        // The capture rate follows the max-fps setting.
        Demand.Reevaluate();
    }

    /// <summary>Replaces the definition (sources, name, credentials); the host restarts capture.</summary>
    internal void Redefine(CameraOptions options)
    {
        Volatile.Write(ref _options, options);
        Volatile.Write(ref _main, NewStream(StreamRole.Main, options.Source));
        Volatile.Write(ref _substream, string.IsNullOrWhiteSpace(options.Substream) ? null : NewStream(StreamRole.Sub, options.Substream));
        SetOverride(options.Enabled ? null : CameraState.Disabled);
        Demand.Reevaluate();
    }

    /// <summary>The stream the capture loop of <paramref name="role"/> reports to.</summary>
    internal StreamStatus? StreamOf(StreamRole role) => role == StreamRole.Main ? Main : Substream;

    /// <summary>Called by a capture loop for every frame it read: each tier this stream feeds
    /// that somebody watches gets its rendition, at the rate its viewers want.</summary>
    internal void OnFrameCaptured(StreamStatus stream, SourceFrame frame)
    {
        var first = !stream.HasDelivered;
        stream.OnCaptured(frame.NativeWidth, frame.NativeHeight);
        if (first)
        {
            // Its first frame was what the stream was woken for, if nobody watches.
            Demand.Reevaluate();
        }

        var fromSubstream = stream.Role == StreamRole.Sub;
        var quality = Settings.Quality;
        lock (_publishing[(int)stream.Role])
        {
            long sequence = 0;
            var now = _time.GetUtcNow();
            foreach (var tier in FrameTiers.All)
            {
                if (Demand.SourceOf(tier) != stream.Role || !Demand.IsWatched(tier) || !_budgets[(int)tier].TryTake(Demand.WantedFps(tier)))
                {
                    continue;
                }

                // One number for every tier's rendition of this frame.
                if (sequence == 0)
                {
                    sequence = Interlocked.Increment(ref _sequence);
                }

                SlotFor(tier).Publish(_renderer.Render(frame, tier, quality, fromSubstream, sequence, now));
            }
        }
    }

    /// <summary>Marks a stream down (<paramref name="error"/> says why). Viewers whose tier it fed
    /// and that have no other stream to go to are shown, once, since when.</summary>
    internal void OnSourceLost(StreamStatus stream, CameraState state, string? error = null)
    {
        lock (_publishing[(int)stream.Role])
        {
            var wasUp = stream.OnLost(state, error);
            // A substream's tiers move to the main stream; the main stream's have nowhere to go.
            var orphaned = FrameTiers.All.Where(t => Demand.SourceOf(t) == stream.Role && (wasUp || SlotFor(t).Latest is null)).ToList();
            if (stream.Role == StreamRole.Main && orphaned.Count > 0 && _override is null)
            {
                PublishOffline(orphaned);
            }
        }
    }

    /// <summary>Switches the camera off (<see cref="CameraState.Disabled"/>) or marks capture ended
    /// (<see cref="CameraState.Stopped"/>); viewers still connected see, once, since when.</summary>
    internal void Halt(CameraState state)
    {
        var wasLive = _state == CameraState.Live;
        SetOverride(state);
        lock (_publishing[(int)StreamRole.Main])
        {
            var tiers = FrameTiers.All.Where(t => wasLive || SlotFor(t).Latest is null).ToList();
            if (tiers.Count > 0 && state == CameraState.Disabled)
            {
                PublishOffline(tiers);
            }
        }
    }

    private void PublishOffline(List<FrameTier> tiers)
    {
        using var image = OfflineFrame.Draw(Name, _stateSince, Main.Width, Main.Height);
        var sequence = Interlocked.Increment(ref _sequence);
        var now = _time.GetUtcNow();
        foreach (var tier in tiers)
        {
            SlotFor(tier).Publish(_renderer.Render(image, tier, Settings.Quality, sequence, now));
        }
    }

    private StreamStatus NewStream(StreamRole role, string source)
    {
        var stream = new StreamStatus(role, CameraSourceSpec.Redact(source), _time);
        stream.StateChanged += OnStreamChanged;
        return stream;
    }

    private void OnStreamChanged(StreamStatus stream)
    {
        if (stream.Role == StreamRole.Sub)
        {
            // The substream's health decides where the small tiers come from.
            Demand.Reevaluate();
        }

        UpdateState();
    }

    private void SetOverride(CameraState? state)
    {
        lock (_stateGate)
        {
            _override = state;
        }

        UpdateState();
    }

    private void UpdateState()
    {
        bool changed;
        lock (_stateGate)
        {
            var (main, sub) = (Main, Substream);
            var state = _override
                ?? (main.State == CameraState.Live || sub?.State == CameraState.Live ? CameraState.Live : main.State);
            changed = state != _state;
            if (changed)
            {
                _state = state;
                _stateSince = _time.GetUtcNow();
            }
        }

        if (changed)
        {
            StateChanged?.Invoke(this, EventArgs.Empty);
        }
    }
}
