namespace CamDashboard.Streaming.Timing;

/// <summary>Lets through at most a given number of events per second: each event spends one
/// credit, and credit accrues with elapsed time. It is capped at three, so a source at exactly
/// the rate whose frames come in jittery bursts (a late read, then two quick ones) still has
/// every frame let through, while a faster one is thinned evenly.</summary>
internal sealed class RateBudget(TimeProvider time)
{
    private long _last;
    private double _credit = 1;

    /// <summary>Spends one credit at <paramref name="perSecond"/>; false when there is none.</summary>
    public bool TryTake(double perSecond)
    {
        var now = time.GetTimestamp();
        if (_last != 0)
        {
            _credit = Math.Min(3, _credit + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
        }

        _last = now;
        if (_credit < 1)
        {
            return false;
        }

        _credit -= 1;
        return true;
    }
}
