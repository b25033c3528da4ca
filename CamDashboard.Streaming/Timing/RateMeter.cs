namespace CamDashboard.Streaming.Timing;

/// <summary>Events per second, averaged over the time since the previous reading (at least
/// one second). Counting is a single interlocked increment; the division happens on read.</summary>
internal sealed class RateMeter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _count;
    private long _windowStart;
    private long _windowStartCount;
    private double _rate;

    public RateMeter(TimeProvider time)
    {
        _time = time;
        _windowStart = time.GetTimestamp();
    }

    public long Count => Interlocked.Read(ref _count);

    public double Rate
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                var elapsed = _time.GetElapsedTime(_windowStart, now);
                if (elapsed >= Window)
                {
                    var count = Count;
                    _rate = (count - _windowStartCount) / elapsed.TotalSeconds;
                    _windowStart = now;
                    _windowStartCount = count;
                }

                return _rate;
            }
        }
    }

    public void Tick() => Interlocked.Increment(ref _count);
}
