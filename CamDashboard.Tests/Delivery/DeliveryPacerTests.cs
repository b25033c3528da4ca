using CamDashboard.Streaming.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace CamDashboard.Tests.Delivery;

public sealed class DeliveryPacerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLink _link = new();

    [Fact]
    public async Task FrameWaits_UntilTheLinkHoldsNoMoreThanOneFrame()
    {
        var pacer = new DeliveryPacer(_link, _time);
        pacer.Wrote(100_000);
        _link.Acknowledged = 20_000;

        var start = _time.GetUtcNow();
        var waiting = pacer.WaitForRoomAsync(30_000, default).AsTask();
        Assert.False(waiting.IsCompleted, "80 KB still on the way: the next frame waits");

        _link.Acknowledged = 75_000;
        for (var step = 0; step < 1000 && !waiting.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(_time.GetUtcNow() > start, "it waited for the link");
    }

    [Fact]
    public async Task FastLink_NeverWaits()
    {
        var pacer = new DeliveryPacer(_link, _time);
        for (var i = 0; i < 10; i++)
        {
            pacer.Wrote(50_000);
            _link.Acknowledged += 50_000;
            _time.Advance(TimeSpan.FromMilliseconds(33));
            var wait = pacer.WaitForRoomAsync(50_000, default).AsTask();
            Assert.True(wait.IsCompleted);
        }
    }

    [Fact]
    public async Task MeasuredRate_LetsTheLinkHoldAboutATenthOfASecond()
    {
        var pacer = new DeliveryPacer(_link, _time);
        // One second at 1 MB/s, measured as it is acknowledged.
        for (var i = 0; i < 20; i++)
        {
            pacer.Wrote(50_000);
            _link.Acknowledged += 50_000;
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await pacer.WaitForRoomAsync(10_000, default);
        }

        // 90 KB unacknowledged is under 100 ms at 1 MB/s: a 10 KB frame goes at once.
        pacer.Wrote(90_000);
        Assert.True(pacer.WaitForRoomAsync(10_000, default).AsTask().IsCompleted);
        // 150 KB is not.
        pacer.Wrote(60_000);
        Assert.False(pacer.WaitForRoomAsync(10_000, default).AsTask().IsCompleted);
    }

    [Fact]
    public async Task ALinkThatKeepsUp_IsNotReadForEveryFrame()
    {
        var pacer = new DeliveryPacer(_link, _time);
        // Two seconds at 30 fps, every frame acknowledged before the next.
        for (var i = 0; i < 60; i++)
        {
            await pacer.WaitForRoomAsync(50_000, default);
            pacer.Wrote(50_000);
            _time.Advance(TimeSpan.FromMilliseconds(33));
            _link.Acknowledged += 50_000;
        }

        // A reading that leaves room for the frames after it is not repeated until they have
        // used that room (at 30 fps the 100 ms budget holds three frames).
        Assert.InRange(_link.Reads, 1, 25);
    }

    [Fact]
    public async Task ALinkThatFallsBehind_IsReadAgainBeforeTheNextFrame()
    {
        var pacer = new DeliveryPacer(_link, _time);
        await pacer.WaitForRoomAsync(50_000, default);
        pacer.Wrote(50_000);
        // A second frame is due while the first is not yet acknowledged: the old reading
        // (nothing acknowledged, 50 KB on the way) leaves room for it, so it goes unread...
        await pacer.WaitForRoomAsync(50_000, default);
        pacer.Wrote(50_000);
        var reads = _link.Reads;
        // ...but with 100 KB on the way the third one looks, and waits.
        Assert.False(pacer.WaitForRoomAsync(50_000, default).AsTask().IsCompleted);
        Assert.True(_link.Reads > reads);
    }

    [Fact]
    public async Task ConnectionGone_EndsTheWait()
    {
        var pacer = new DeliveryPacer(_link, _time);
        pacer.Wrote(100_000);
        _link.Gone = true;
        Assert.True(pacer.WaitForRoomAsync(10_000, default).AsTask().IsCompleted);
    }

    private sealed class FakeLink : ILinkProgress
    {
        public long Acknowledged { get; set; }

        public bool Gone { get; set; }

        public int Reads { get; private set; }

        public bool TryRead(out long bytesAcknowledged, out TimeSpan minRoundTrip)
        {
            Reads++;
            bytesAcknowledged = Acknowledged;
            minRoundTrip = TimeSpan.FromMicroseconds(50);
            return !Gone;
        }
    }
}
