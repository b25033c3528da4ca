using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Timing;
using Microsoft.Extensions.Logging;

namespace CamDashboard.Streaming.Capture;

/// <summary>Owns one of a camera's sources (its main stream or its substream) for the life of
/// the camera: reads it on one dedicated thread (source reads block) into one reused
/// <see cref="SourceFrame"/>, asking it each time for what the camera's demand wants now —
/// frames at a rate, or nothing (standby) — and reopening it with capped exponential back-off
/// when it fails. Frames above the wanted rate are dropped here, before anything decodes them.
/// A watchdog catches calls that hang: it cancels the attempt — which kills a child process or
/// closes a socket, so the call returns — and marks the stream down at once. It never starts a
/// second thread: a native call that cannot be interrupted (an OpenCV read) keeps the one
/// thread until it returns, and then the loop reopens the source.</summary>
internal sealed class CaptureWorker : IDisposable
{
    private readonly Camera _camera;
    private readonly StreamRole _role;
    private readonly StreamStatus _stream;
    private readonly ICameraSourceFactory _sources;
    private readonly ICameraRelays _relays;
    private readonly string _node;
    private readonly StreamingLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _watchdog;
    private Thread? _thread;
    private CancellationTokenSource? _attempt;
    private long _blockedSince;

    public CaptureWorker(Camera camera, StreamRole role, ICameraSourceFactory sources, ICameraRelays relays, string node, StreamingLimits limits, TimeProvider time, ILogger logger)
    {
        _relays = relays;
        _node = node;
        _camera = camera;
        _role = role;
        _stream = camera.StreamOf(role) ?? throw new ArgumentException($"Camera '{camera.Id}' has no {role} stream.", nameof(role));
        _sources = sources;
        _limits = limits;
        _time = time;
        _logger = logger;
    }

    private string Name => _role == StreamRole.Main ? _camera.Id : $"{_camera.Id} (substream)";

    public void Start()
    {
        _stream.OnStarting();
        var period = _limits.StallTimeout / 4;
        _watchdog = _time.CreateTimer(_ => CheckForStall(), null, period, period);
        _thread = new Thread(Run) { IsBackground = true, Name = $"capture {Name}" };
        _thread.Start();
    }

    /// <summary>Stops capture and waits up to <paramref name="timeout"/> for the thread to release the source.</summary>
    public void Stop(TimeSpan timeout)
    {
        Dispose();
        if (_thread is { } thread && !thread.Join(timeout))
        {
            StreamingLog.CaptureDidNotStop(_logger, Name);
        }
    }

    // The stopping token source is left to the GC, not disposed: a capture thread blocked in a
    // native call may still look at it whenever that call returns.
    public void Dispose()
    {
        _stopping.Cancel();
        _watchdog?.Dispose();
    }

    private void Run()
    {
        var failures = 0;
        using var frame = new SourceFrame { Limits = _limits.Frames };
        while (!_stopping.IsCancellationRequested)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            Volatile.Write(ref _attempt, attempt);
            var (state, error) = Capture(frame, ref failures, attempt.Token);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (attempt.IsCancellationRequested)
            {
                // The watchdog gave up on this attempt and has already reported it.
                (state, error) = (CameraState.Reconnecting, StallMessage);
            }

            _camera.OnSourceLost(_stream, state, error);
            // Wrong credentials or a wrong address will not fix themselves soon: retry slowly, never in a tight loop.
            var delay = state is CameraState.Unauthorized or CameraState.NotACamera ? _limits.MaxReconnectDelay : Backoff(failures++);
            StreamingLog.Reconnecting(_logger, Name, delay);
            _stopping.Token.WaitHandle.WaitOne(delay);
        }
    }

    /// <summary>One attempt: open, then read what is wanted until the source fails; returns how it ended.</summary>
    private (CameraState State, string Error) Capture(SourceFrame frame, ref int failures, CancellationToken attempt)
    {
        var definition = _role == StreamRole.Main ? _camera.Options : _camera.Options.SubstreamSource();
        // In a cluster, one node opens the camera; the others relay its stream.
        using var source = _relays.RelayFor(_camera.Id) is { } relay
            ? new RelaySource(relay, _camera.Id, _role, _node, _limits.Frames)
            : _sources.Create(definition);
        var overRate = new RateBudget(_time);
        try
        {
            EnterBlocking();
            source.Open(_camera.Demand.DemandFor(_role), attempt);
            LeaveBlocking();
            StreamingLog.SourceOpened(_logger, Name, CameraSourceSpec.KindOf(definition.Source), source.Format);
            (string Format, double? Fps) described = ("", null);
            while (!attempt.IsCancellationRequested)
            {
                if (source.Format.Length > 0 && (source.Format, source.NativeFps) != described)
                {
                    // Some sources say what they are, and how fast they come, only once they run (FFmpeg).
                    described = (source.Format, source.NativeFps);
                    _stream.OnOpened(described.Format, described.Fps);
                }

                var demand = _camera.Demand.DemandFor(_role);
                EnterBlocking();
                var read = source.Read(frame, demand);
                LeaveBlocking();
                if (attempt.IsCancellationRequested)
                {
                    break;
                }

                if (read == SourceRead.Ended || (read == SourceRead.Frame && frame.IsEmpty))
                {
                    StreamingLog.ReadFailed(_logger, Name);
                    return (CameraState.Reconnecting, "The source stopped sending frames.");
                }

                failures = 0;
                if (read == SourceRead.Idle)
                {
                    _stream.OnIdle();
                    continue;
                }

                _stream.OnArrived();
                if (overRate.TryTake(demand.MaxFps))
                {
                    _camera.OnFrameCaptured(_stream, frame);
                }
            }

            return (CameraState.Reconnecting, StallMessage);
        }
        catch (CameraSourceException ex) when (!attempt.IsCancellationRequested)
        {
            StreamingLog.OpenFailed(_logger, Name, CameraSourceSpec.RedactText(ex.Message));
            return (StateFor(ex.Fault), ex.Message);
        }
#pragma warning disable CA1031 // A faulty source must cost one reconnect, never the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!attempt.IsCancellationRequested)
            {
                StreamingLog.SourceFaulted(_logger, Name, ex);
            }

            return (CameraState.Reconnecting, "The source failed unexpectedly; see the server log.");
        }
        finally
        {
            LeaveBlocking();
        }
    }

    private string StallMessage => $"No frame for {_limits.StallTimeout.TotalSeconds:0.#} s.";

    private static CameraState StateFor(SourceFault fault) => fault switch
    {
        SourceFault.Unauthorized => CameraState.Unauthorized,
        SourceFault.Unreachable => CameraState.Unreachable,
        SourceFault.NotACamera => CameraState.NotACamera,
        _ => CameraState.Reconnecting,
    };

    private TimeSpan Backoff(int failures)
    {
        var delay = _limits.ReconnectDelay * Math.Pow(2, Math.Min(failures, 16));
        return delay < _limits.MaxReconnectDelay ? delay : _limits.MaxReconnectDelay;
    }

    private void EnterBlocking() => Volatile.Write(ref _blockedSince, _time.GetTimestamp());

    private void LeaveBlocking() => Volatile.Write(ref _blockedSince, 0);

    private void CheckForStall()
    {
        var since = Volatile.Read(ref _blockedSince);
        if (since == 0 || _stopping.IsCancellationRequested || _time.GetElapsedTime(since) < _limits.StallTimeout)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _blockedSince, 0, since) != since)
        {
            return;
        }

        StreamingLog.Stalled(_logger, Name, _limits.StallTimeout);
        try
        {
            Volatile.Read(ref _attempt)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended by itself meanwhile.
        }

        _camera.OnSourceLost(_stream, CameraState.Reconnecting, StallMessage);
    }
}
