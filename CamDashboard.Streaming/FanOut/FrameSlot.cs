using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.FanOut;

/// <summary>Holds a tier's newest encoded frame. Publishing replaces it and wakes every waiting
/// retriever; it never waits for any of them. Safe with any number of publishers (a capture
/// thread and the stall watchdog): publishes are serialized, and the lock that guards the
/// waiting list is never held while viewers are woken.</summary>
internal sealed class FrameSlot
{
    private readonly Lock _publishing = new();
    private readonly Lock _gate = new();
    private List<FrameWaiter> _waiting = [];
    private List<FrameWaiter> _waking = [];
    private EncodedFrame? _latest;
    private long _published;

    public EncodedFrame? Latest => Volatile.Read(ref _latest);

    /// <summary>Waiters armed and not yet woken or cancelled.</summary>
    internal int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public void Publish(EncodedFrame frame)
    {
        // One publish at a time: the list being woken is the one the next publish swaps back in.
        lock (_publishing)
        {
            frame.Ordinal = ++_published;
            Volatile.Write(ref _latest, frame);
            List<FrameWaiter> waking;
            lock (_gate)
            {
                // Swap lists so that waiters arriving during the wake-up queue for the next frame.
                waking = _waiting;
                _waiting = _waking;
                _waking = waking;
            }

            // Continuations run on the thread pool: the publishing capture thread never runs viewers' writes.
            foreach (var waiter in waking)
            {
                waiter.Complete(frame);
            }

            waking.Clear();
        }
    }

    /// <summary>Ends <paramref name="waiter"/>'s wait with cancellation and drops it from the
    /// waiting list, so a camera that publishes nothing for hours holds no dead waiters.</summary>
    public void Cancel(FrameWaiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            _waiting.Remove(waiter);
        }

        waiter.Cancel(token);
    }

    /// <summary>Returns a frame newer than <paramref name="afterSequence"/>: the newest one if it
    /// already is, otherwise the next one published, through the caller's own waiter.</summary>
    public ValueTask<EncodedFrame> NewerThanAsync(long afterSequence, FrameWaiter waiter)
    {
        if (Latest is { } latest && latest.Sequence > afterSequence)
        {
            return ValueTask.FromResult(latest);
        }

        lock (_gate)
        {
            // Checked again under the lock: a publish that set the frame before taking the lock
            // is seen here; one that takes the lock after will find this waiter in the list.
            if (Latest is { } justPublished && justPublished.Sequence > afterSequence)
            {
                return ValueTask.FromResult(justPublished);
            }

            var wait = waiter.Arm();
            _waiting.Add(waiter);
            return wait;
        }
    }
}
