using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Logging;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Capture;

/// <summary>Reads one camera on one dedicated thread (source reads block) into one reused
/// <see cref="SourceFrame"/>, reopening the source with capped exponential back-off when it
/// fails. A watchdog catches calls that hang: it cancels the attempt — which kills a child
/// process or closes a socket, so the call returns — and marks the camera down at once. It never
/// starts a second thread: a native call that cannot be interrupted (an OpenCV read) keeps the
/// one thread until it returns, and then the loop reopens the source.</summary>
internal sealed class CaptureWorker : IDisposable
{
    private readonly Camera _camera;
    private readonly ICameraSourceFactory _sources;
    private readonly StreamingLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _watchdog;
    private Thread? _thread;
    private CancellationTokenSource? _attempt;
    private long _blockedSince;

    public CaptureWorker(Camera camera, ICameraSourceFactory sources, StreamingLimits limits, TimeProvider time, ILogger logger)
    {
        _camera = camera;
        _sources = sources;
        _limits = limits;
        _time = time;
        _logger = logger;
    }

    public void Start()
    {
        _camera.SetState(CameraState.Starting);
        var period = _limits.StallTimeout / 4;
        _watchdog = _time.CreateTimer(_ => CheckForStall(), null, period, period);
        _thread = new Thread(Run) { IsBackground = true, Name = $"capture {_camera.Id}" };
        _thread.Start();
    }

    /// <summary>Stops capture and waits up to <paramref name="timeout"/> for the thread to release the source.</summary>
    public void Stop(TimeSpan timeout)
    {
        Dispose();
        if (_thread is { } thread && !thread.Join(timeout))
        {
            StreamingLog.CaptureDidNotStop(_logger, _camera.Id);
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
        using var frame = new SourceFrame();
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

            _camera.OnSourceLost(state, error);
            // Wrong credentials will not fix themselves soon: retry slowly, never in a tight loop.
            var delay = state == CameraState.Unauthorized ? _limits.MaxReconnectDelay : Backoff(failures++);
            StreamingLog.Reconnecting(_logger, _camera.Id, delay);
            _stopping.Token.WaitHandle.WaitOne(delay);
        }
    }

    /// <summary>One attempt: open, then read until the source fails; returns how it ended.</summary>
    private (CameraState State, string Error) Capture(SourceFrame frame, ref int failures, CancellationToken attempt)
    {
        using var source = _sources.Create(_camera.Options);
        try
        {
            EnterBlocking();
            source.Open(attempt);
            LeaveBlocking();
            StreamingLog.SourceOpened(_logger, _camera.Id, _camera.SourceKind, source.Format);
            _camera.OnSourceOpened(source.Format);
            while (!attempt.IsCancellationRequested)
            {
                EnterBlocking();
                var ok = source.Read(frame);
                LeaveBlocking();
                if (attempt.IsCancellationRequested)
                {
                    break;
                }

                if (!ok || frame.IsEmpty)
                {
                    StreamingLog.ReadFailed(_logger, _camera.Id);
                    return (CameraState.Reconnecting, "The source stopped sending frames.");
                }

                failures = 0;
                _camera.OnFrameCaptured(frame);
            }

            return (CameraState.Reconnecting, StallMessage);
        }
        catch (CameraSourceException ex) when (!attempt.IsCancellationRequested)
        {
            StreamingLog.OpenFailed(_logger, _camera.Id, ex.Message);
            return (StateFor(ex.Fault), ex.Message);
        }
#pragma warning disable CA1031 // A faulty source must cost one reconnect, never the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!attempt.IsCancellationRequested)
            {
                StreamingLog.SourceFaulted(_logger, _camera.Id, ex);
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

        StreamingLog.Stalled(_logger, _camera.Id, _limits.StallTimeout);
        try
        {
            Volatile.Read(ref _attempt)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended by itself meanwhile.
        }

        _camera.OnSourceLost(CameraState.Reconnecting, StallMessage);
    }
}
