using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Pipeline;

namespace CamDashboard.Tests.FanOut;

/// <summary>The slot under more than one publisher (capture thread and stall watchdog) and
/// under waits that are given up.</summary>
public sealed class FrameSlotTests
{
    [Fact]
    public async Task ConcurrentPublishers_NeverLoseAWaiter_NorThrow()
    {
        var slot = new FrameSlot();
        var encoder = new JpegEncoder();
        long sequence = 0;
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 };
        using var stop = new CancellationTokenSource();

        // Fifty viewers each take frames one after another for as long as frames come.
        var viewers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            var waiter = new FrameWaiter();
            long last = 0;
            do
            {
                last = (await slot.NewerThanAsync(last, waiter)).Sequence;
            }
            while (!stop.IsCancellationRequested);
        })).ToList();

        Assert.True(SpinWait.SpinUntil(() => slot.WaitingCount == 50, TimeSpan.FromSeconds(10)), "every viewer is waiting");

        // Four publishers at once, as many frames as they can.
        var publishers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                slot.Publish(encoder.PassThrough(jpeg, FrameTier.Full, 1, 1, Interlocked.Increment(ref sequence), DateTimeOffset.UtcNow));
            }
        })).ToList();
        await Task.WhenAll(publishers).WaitAsync(TimeSpan.FromSeconds(60));

        // Every viewer is waiting for the next frame; one more publish must wake each of them.
        await stop.CancelAsync();
        slot.Publish(encoder.PassThrough(jpeg, FrameTier.Full, 1, 1, Interlocked.Increment(ref sequence), DateTimeOffset.UtcNow));
        // A lost waiter would never end. (How many frames each viewer took in between depends on
        // when the thread pool ran it, so it is not asserted: on two busy cores some run only at the end.)
        await Task.WhenAll(viewers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, slot.WaitingCount);
    }

    [Fact]
    public async Task CancelledWaits_LeaveTheWaitingList_WithoutAPublish()
    {
        var slot = new FrameSlot();
        using var leaving = new CancellationTokenSource();
        var waits = Enumerable.Range(0, 100).Select(_ =>
        {
            var waiter = new FrameWaiter();
            var wait = slot.NewerThanAsync(0, waiter).AsTask();
            leaving.Token.UnsafeRegister(_ => slot.Cancel(waiter, leaving.Token), null);
            return wait;
        }).ToList();
        Assert.Equal(100, slot.WaitingCount);

        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(waits));
        Assert.Equal(0, slot.WaitingCount);
    }
}
