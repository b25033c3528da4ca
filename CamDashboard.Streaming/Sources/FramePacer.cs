namespace CamDashboard.Streaming.Sources;

/// <summary>Blocks the capture thread until the next frame is due, on a fixed schedule that
/// does not drift with the time spent producing each frame.</summary>
internal sealed class FramePacer(double fps, TimeProvider time)
{
    private readonly long _interval = (long)(time.TimestampFrequency / Math.Clamp(fps, 1, 240));
    private long _next;

    public void WaitForNextFrame()
    {
        var now = time.GetTimestamp();
        if (_next == 0 || now - _next > _interval * 4)
        {
            // First frame, or so far behind (a debugger, a stall) that catching up would burst.
            _next = now;
        }

        var wait = time.GetElapsedTime(now, _next);
        if (wait > TimeSpan.Zero)
        {
            Thread.Sleep(wait);
        }

        _next += _interval;
    }
}
