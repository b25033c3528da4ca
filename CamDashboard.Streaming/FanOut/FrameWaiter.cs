using System.Threading.Tasks.Sources;
using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.FanOut;

/// <summary>A retriever's reusable wait for the next frame: one per connection, armed once per
/// frame, so that waking a thousand viewers allocates nothing. Completed by the slot's publish
/// or by cancellation, whichever comes first.</summary>
internal sealed class FrameWaiter : IValueTaskSource<EncodedFrame>
{
    private ManualResetValueTaskSourceCore<EncodedFrame> _core = new() { RunContinuationsAsynchronously = true };
    private int _armed;

    public ValueTask<EncodedFrame> Arm()
    {
        _core.Reset();
        Volatile.Write(ref _armed, 1);
        return new ValueTask<EncodedFrame>(this, _core.Version);
    }

    public void Complete(EncodedFrame frame)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _core.SetResult(frame);
        }
    }

    public void Cancel(CancellationToken token)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _core.SetException(new OperationCanceledException(token));
        }
    }

    public EncodedFrame GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
