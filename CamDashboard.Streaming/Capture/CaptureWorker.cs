using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace CamDashboard.Streaming.Capture;

/// <summary>Reads one camera on a dedicated thread (OpenCV reads block) into one reused
/// <see cref="Mat"/>, reopening the source with capped exponential back-off when it fails.
/// A watchdog catches reads that hang: it abandons the stuck thread — a blocked native call
/// cannot be interrupted — and starts a fresh one; the old thread exits when its call returns.</summary>
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
    private int _generation;
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
        var period = _limits.StallTimeout / 4;
        _watchdog = _time.CreateTimer(_ => CheckForStall(), null, period, period);
        StartThread();
    }

    /// <summary>Stops capture and waits up to <paramref name="timeout"/> for the thread to release the source.</summary>
    public void Stop(TimeSpan timeout)
    {
        Dispose();
        if (_thread is { } thread && !thread.Join(timeout))
        {
            StreamingLog.CaptureDidNotStop(_logger, _camera.Id);
        }

        _camera.SetState(CameraState.Stopped);
    }

    // The token source is left to the GC, not disposed: an abandoned capture thread, blocked
    // in a native read, may still look at it whenever that read returns.
    public void Dispose()
    {
        _stopping.Cancel();
        _watchdog?.Dispose();
    }

    private void StartThread()
    {
        var generation = Interlocked.Increment(ref _generation);
        _thread = new Thread(() => Run(generation))
        {
            IsBackground = true,
            Name = $"capture {_camera.Id}",
        };
        _thread.Start();
    }

    private bool IsCurrent(int generation) => !_stopping.IsCancellationRequested && Volatile.Read(ref _generation) == generation;

    private void Run(int generation)
    {
        var failures = 0;
        while (IsCurrent(generation))
        {
            using (var source = _sources.Create(_camera.Options))
            {
                try
                {
                    EnterBlocking();
                    source.Open();
                    LeaveBlocking();
                    StreamingLog.SourceOpened(_logger, _camera.Id, _camera.SourceKind);
                    using var frame = new Mat();
                    while (IsCurrent(generation))
                    {
                        EnterBlocking();
                        var ok = source.Read(frame);
                        LeaveBlocking();
                        if (!IsCurrent(generation))
                        {
                            return;
                        }

                        if (!ok || frame.Empty())
                        {
                            StreamingLog.ReadFailed(_logger, _camera.Id);
                            break;
                        }

                        failures = 0;
                        _camera.OnFrameCaptured(frame);
                    }
                }
                catch (CameraSourceException ex)
                {
                    StreamingLog.OpenFailed(_logger, _camera.Id, ex.Message);
                }
#pragma warning disable CA1031 // A faulty source must cost one reconnect, never the process.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    StreamingLog.SourceFaulted(_logger, _camera.Id, ex);
                }
                finally
                {
                    LeaveBlocking();
                }
            }

            if (!IsCurrent(generation))
            {
                return;
            }

            _camera.OnSourceLost(CameraState.Reconnecting);
            var delay = Backoff(failures++);
            StreamingLog.Reconnecting(_logger, _camera.Id, delay);
            _stopping.Token.WaitHandle.WaitOne(delay);
        }
    }

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
        _camera.OnSourceLost(CameraState.Reconnecting);
        StartThread();
    }
}
