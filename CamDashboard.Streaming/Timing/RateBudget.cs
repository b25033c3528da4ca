namespace CamDashboard.Streaming.Timing;

/// <summary>Lets through at most a given number of events per second: each event spends one
/// credit, and credit accrues with elapsed time. It is capped at three, so a source at exactly
/// the rate whose frames come in jittery bursts (a late read, then two quick ones) still has
/// every frame let through, while a faster one is thinned evenly. A frame a little early (a
/// quarter of an interval) is let through on credit, paid back by the next: a source paced at
/// the same rate as the budget loses none to jitter, and the long-run rate stays the budget's.</summary>
internal sealed class RateBudget(TimeProvider time)
{
    private const double EarlyAllowance = 0.25;

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
        if (_credit < 1 - EarlyAllowance)
        {
            return false;
        }

        _credit -= 1;
        return true;
    }
}
