using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.Delivery;

/// <summary>Picks an adaptive viewer's tier from how its connection keeps up. Each second it
/// looks at the frames sent and the time spent waiting for the link (see
/// <see cref="DeliveryPacer"/>): a viewer that waited much and still got well under the
/// camera's rate moves one tier down (lower quality, then a smaller picture); one that hardly
/// waited for a while moves one up. A step up that fails within a few seconds doubles the wait
/// before the next try, so a link between two tiers does not flap.
/// <paramref name="wantedFps"/> is the rate the viewer would get from a fast connection; it is
/// asked once a window, not on every frame.</summary>
internal sealed class TierController(TimeProvider time, FrameTier tier, Func<double> wantedFps)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstUpHold = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestUpHold = TimeSpan.FromSeconds(32);
    // A step down this soon after a step up means the step up did not fit.
    private static readonly TimeSpan FailedUpWithin = TimeSpan.FromSeconds(5);
    private const double CongestedWaitShare = 0.2;
    private const double BehindShare = 0.8;
    private const double ComfortableWaitShare = 0.05;

    private long _windowStart = time.GetTimestamp();
    private TimeSpan _waited;
    private int _frames;
    private TimeSpan _comfortableFor;
    private TimeSpan _upHold = FirstUpHold;
    private long _lastUpAt;

    /// <summary>The tier for the next frame.</summary>
    public FrameTier Tier { get; private set; } = tier;

    /// <summary>Records a frame sent after waiting <paramref name="waited"/> for the link; returns
    /// the tier for the next frame.</summary>
    public FrameTier OnFrameSent(TimeSpan waited)
    {
        var now = time.GetTimestamp();
        _waited += waited;
        _frames++;
        var elapsed = time.GetElapsedTime(_windowStart, now);
        if (elapsed < Window)
        {
            return Tier;
        }

        var fps = _frames / elapsed.TotalSeconds;
        var waitShare = _waited / elapsed;
        (_windowStart, _waited, _frames) = (now, TimeSpan.Zero, 0);
        if (waitShare > CongestedWaitShare && fps < BehindShare * wantedFps())
        {
            _comfortableFor = TimeSpan.Zero;
            if (Tier < FrameTier.Small)
            {
                var failedUp = _lastUpAt != 0 && time.GetElapsedTime(_lastUpAt, now) < FailedUpWithin;
                _upHold = failedUp ? Min(_upHold * 2, LongestUpHold) : FirstUpHold;
                Tier++;
            }
        }
        else if (waitShare < ComfortableWaitShare)
        {
            _comfortableFor += elapsed;
            if (_comfortableFor >= _upHold && Tier > FrameTier.Full)
            {
                Tier--;
                _lastUpAt = now;
                _comfortableFor = TimeSpan.Zero;
            }
        }
        else
        {
            _comfortableFor = TimeSpan.Zero;
        }

        return Tier;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
