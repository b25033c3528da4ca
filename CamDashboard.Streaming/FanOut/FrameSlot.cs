using CamDashboard.Streaming.Encoding;

namespace CamDashboard.Streaming.FanOut;

/// <summary>Holds a camera's newest encoded frame. Publishing replaces it and wakes every
/// waiting retriever at once; it never waits for any of them. Also counts demand, so that
/// the capture loop encodes only while somebody watches.</summary>
internal sealed class FrameSlot
{
    private EncodedFrame? _latest;
    private TaskCompletionSource<EncodedFrame> _next = NewSignal();
    private int _demand;

    public EncodedFrame? Latest => Volatile.Read(ref _latest);

    public bool HasDemand => Volatile.Read(ref _demand) > 0;

    public void AddDemand() => Interlocked.Increment(ref _demand);

    public void RemoveDemand() => Interlocked.Decrement(ref _demand);

    public void Publish(EncodedFrame frame)
    {
        Volatile.Write(ref _latest, frame);
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult(frame);
    }

    /// <summary>Returns a frame newer than <paramref name="afterSequence"/>: the newest one if
    /// it already is, otherwise the next one published.</summary>
    public ValueTask<EncodedFrame> NewerThanAsync(long afterSequence, CancellationToken cancellationToken)
    {
        // Take the signal before looking at the latest frame: a frame published in between
        // then completes this signal instead of slipping past unseen.
        var next = Volatile.Read(ref _next).Task;
        var latest = Latest;
        if (latest is not null && latest.Sequence > afterSequence)
        {
            return ValueTask.FromResult(latest);
        }

        return new ValueTask<EncodedFrame>(next.WaitAsync(cancellationToken));
    }

    // Continuations run on the thread pool, so a publish on the capture thread never runs viewers' writes.
    private static TaskCompletionSource<EncodedFrame> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
