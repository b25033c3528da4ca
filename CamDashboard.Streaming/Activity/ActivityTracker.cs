using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Activity;

/// <summary>Turns measured changes into periods of activity: one starts when
/// <see cref="StartAfter"/> analysed frames in a row changed more than the threshold (one frame
/// is a flicker, a passing cloud's edge), and ends once nothing has for <see cref="EndAfter"/>.</summary>
internal sealed class ActivityTracker
{
    /// <summary>Frames in a row over the threshold that start a period.</summary>
    public const int StartAfter = 2;

    /// <summary>How long without change ends a period.</summary>
    public static readonly TimeSpan EndAfter = TimeSpan.FromSeconds(3);

    private int _over;
    private DateTimeOffset _lastChange;

    /// <summary>The period under way, if any.</summary>
    public ActivityStatus Status { get; private set; } = ActivityStatus.Quiet;

    /// <summary>Takes one analysed frame's change; true when that starts or ends a period.</summary>
    public bool Observe(double change, double threshold, DateTimeOffset at)
    {
        var level = Math.Round(change * 100, 2);
        var analysed = Status.Analysed + 1;
        if (change < threshold)
        {
            _over = 0;
            Status = Status with { Level = level, Analysed = analysed };
            return Quiet(at);
        }

        _over++;
        _lastChange = at;
        if (Status.Active)
        {
            Status = Status with { Level = level, Peak = Math.Max(Status.Peak, level), Analysed = analysed };
            return false;
        }

        var starts = _over >= StartAfter;
        Status = starts ? new ActivityStatus(true, level, level, at, analysed) : Status with { Level = level, Analysed = analysed };
        return starts;
    }

    /// <summary>Time passing without a new frame to analyse (or with the camera down): true when that ends the period.</summary>
    public bool Quiet(DateTimeOffset at)
    {
        if (!Status.Active || at - _lastChange < EndAfter)
        {
            return false;
        }

        Status = Status with { Active = false };
        _over = 0;
        return true;
    }

    /// <summary>Ends a period at once (activity switched off, the camera gone): true when one was under way.</summary>
    public bool Stop()
    {
        var was = Status.Active;
        Status = Status with { Active = false, Level = 0 };
        _over = 0;
        return was;
    }

    /// <summary>When the last change over the threshold was seen: where an ended period really ended.</summary>
    public DateTimeOffset LastChange => _lastChange;
}
