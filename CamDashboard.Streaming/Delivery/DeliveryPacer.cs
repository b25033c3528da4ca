namespace CamDashboard.Streaming.Delivery;

/// <summary>Keeps a viewer's connection from queueing old frames. Before each frame it waits
/// until what is still unacknowledged is no more than the link carries in
/// <see cref="LatencyBudget"/> (or two round trips, so a distant fast viewer is not held
/// back), and never less than one frame; meanwhile the camera's frames go on and the viewer
/// gets the newest one when there is room. A slow link therefore sees fewer, fresh frames
/// instead of every frame late: without this, the socket buffers alone held most of a second.</summary>
internal sealed class DeliveryPacer(ILinkProgress link, TimeProvider time)
{
    /// <summary>How much the link may hold, in its own time to deliver it.</summary>
    public static readonly TimeSpan LatencyBudget = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan RateWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(50);
    private long _written;
    private long _acked;
    private TimeSpan _minRoundTrip;
    private long _windowStart;
    private long _windowAcked;
    private double _bytesPerSecond;

    /// <summary>Counts bytes handed to the connection.</summary>
    public void Wrote(int bytes) => _written += bytes;

    /// <summary>Waits until a frame of about <paramref name="frameBytes"/> may be sent. Returns at
    /// once when the link's progress cannot be read (the connection is gone: the write that
    /// follows will say so).</summary>
    public async ValueTask WaitForRoomAsync(int frameBytes, CancellationToken cancellationToken)
    {
        // What the peer has acknowledged only grows, so when the last reading already leaves room
        // a new one cannot say otherwise: a link that keeps up is read once per few frames (as
        // many as the budget holds), not for every one (a system call per frame per viewer).
        if (_windowStart != 0 && time.GetElapsedTime(_windowStart) < RateWindow && Excess(frameBytes) <= 0)
        {
            return;
        }

        while (link.TryRead(out _acked, out _minRoundTrip))
        {
            Measure(_acked);
            var excess = Excess(frameBytes);
            if (excess <= 0)
            {
                return;
            }

            // Look again about when the excess should have drained.
            var drain = _bytesPerSecond > 0 ? TimeSpan.FromSeconds(excess / _bytesPerSecond) : MaxPoll;
            await Task.Delay(drain < MinPoll ? MinPoll : drain > MaxPoll ? MaxPoll : drain, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Bytes on the way beyond what the link may hold before a frame of frameBytes goes.
    private double Excess(int frameBytes)
    {
        var budget = Math.Max(LatencyBudget.TotalSeconds, 2 * _minRoundTrip.TotalSeconds);
        var allowance = Math.Max(frameBytes, _bytesPerSecond * budget);
        return _written - _acked - allowance;
    }

    private void Measure(long acked)
    {
        var now = time.GetTimestamp();
        if (_windowStart == 0)
        {
            (_windowStart, _windowAcked) = (now, acked);
            return;
        }

        var elapsed = time.GetElapsedTime(_windowStart, now);
        if (elapsed < RateWindow)
        {
            return;
        }

        var sample = (acked - _windowAcked) / elapsed.TotalSeconds;
        _bytesPerSecond = _bytesPerSecond == 0 ? sample : (_bytesPerSecond + sample) / 2;
        (_windowStart, _windowAcked) = (now, acked);
    }
}
