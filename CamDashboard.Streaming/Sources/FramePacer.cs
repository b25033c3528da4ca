namespace CamDashboard.Streaming.Sources;

/// <summary>Blocks the capture thread until the next frame is due, on a fixed schedule that
/// does not drift with the time spent producing each frame. The rate may change from one frame
/// to the next (the max-fps slider); a change of demand ends the wait early.</summary>
internal sealed class FramePacer(TimeProvider time)
{
    private long _next;
    private double _fps;

    public void WaitForNextFrame(double fps, SourceDemand demand)
    {
        var interval = (long)(time.TimestampFrequency / Math.Clamp(fps, 1, 240));
        var now = time.GetTimestamp();
        if (_next == 0 || now - _next > interval * 4 || fps != _fps)
        {
            // First frame, a new rate, or so far behind (a debugger, a stall) that catching up would burst.
            (_next, _fps) = (now, fps);
        }

        var wait = time.GetElapsedTime(now, _next);
        if (wait > TimeSpan.Zero)
        {
            demand.WaitForChange(wait);
        }

        _next += interval;
    }
}
