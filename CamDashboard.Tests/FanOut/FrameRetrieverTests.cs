using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Tests.FanOut;

public sealed class FrameRetrieverTests : IDisposable
{
    private readonly HandFedCamera _fed = new(160, 90, TimeSpan.FromMilliseconds(34));

    [Fact]
    public async Task LaggingViewer_GetsTheNewestFrame_NotABacklog_AndCountsWhatItMissed()
    {
        using var retriever = Attach();
        Capture();
        var first = await retriever.NextAsync(default);

        // The viewer is busy writing while four frames arrive.
        for (var i = 0; i < 4; i++)
        {
            Capture();
        }

        var next = await retriever.NextAsync(default);
        Assert.Equal(first.Sequence + 4, next.Sequence);
        Assert.Equal(3, retriever.Viewer.FramesDropped);
    }

    [Fact]
    public async Task WaitingViewer_GetsTheNextFramePublished()
    {
        using var retriever = Attach();
        var waiting = retriever.NextAsync(default).AsTask();
        Assert.False(waiting.IsCompleted);
        Capture();
        var frame = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(_fed.Camera.SlotFor(FrameTier.Full).Latest, frame);
        Assert.Equal(0, retriever.Viewer.FramesDropped);
    }

    [Fact]
    public async Task WaitingViewer_StopsWaiting_WhenItsConnectionEnds()
    {
        using var retriever = Attach();
        using var ended = new CancellationTokenSource();
        var waiting = retriever.NextAsync(ended.Token).AsTask();
        ended.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task ViewersThatLeaveWhileWaiting_AreNotKeptByTheCamera()
    {
        var retrievers = Enumerable.Range(0, 20).Select(_ => Attach()).ToList();
        using var leaving = new CancellationTokenSource();
        var waits = retrievers.Select(r => r.NextAsync(leaving.Token).AsTask()).ToList();
        Assert.Equal(20, _fed.Camera.SlotFor(FrameTier.Full).WaitingCount);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(waits));

        // No frame came (a camera down for hours): the list is empty all the same.
        Assert.Equal(0, _fed.Camera.SlotFor(FrameTier.Full).WaitingCount);
        retrievers.ForEach(r => r.Dispose());
    }

    [Fact]
    public void AttachThatFailsToRegister_LeavesNoDemand()
    {
        var retriever = new FrameRetriever(new RefusingRegistry(), _fed.Time);
        Assert.Throws<InvalidOperationException>(() =>
            retriever.Attach(_fed.Camera, new ViewerDescription("cam", ViewerKind.Mjpeg, "test", "127.0.0.1", "xunit")));
        Assert.Empty(_fed.Camera.TiersInUse);
    }

    [Fact]
    public async Task ManyWaitingViewers_AllGetTheSameFrame()
    {
        var retrievers = Enumerable.Range(0, 50).Select(_ => Attach()).ToList();
        var waits = retrievers.Select(r => r.NextAsync(default).AsTask()).ToList();
        Capture();
        var frames = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(frames, f => Assert.Same(_fed.Camera.SlotFor(FrameTier.Full).Latest, f));
        Assert.Equal(1, _fed.Camera.FramesEncoded);
        retrievers.ForEach(r => r.Dispose());
    }

    [Fact]
    public void Encoding_HappensOnlyWhileSomebodyWatches()
    {
        Capture();
        Assert.Equal(0, _fed.Camera.FramesEncoded);
        using (Attach())
        {
            Capture();
            Assert.Equal(1, _fed.Camera.FramesEncoded);
        }

        Capture();
        Assert.Equal(1, _fed.Camera.FramesEncoded);
    }

    [Fact]
    public void Viewer_IsRegistered_ForExactlyTheLifeOfItsRetriever()
    {
        var retriever = Attach();
        Assert.Single(_fed.Registry.Viewers);
        retriever.Dispose();
        Assert.Empty(_fed.Registry.Viewers);
    }

    [Fact]
    public void ViewerStuckInAWrite_IsDisconnected_AfterTheIdleTimeout()
    {
        using var retriever = Attach();
        retriever.BeginWrite();
        _fed.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(retriever.Viewer.IsEnded);
        _fed.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(retriever.Viewer.IsEnded);
    }

    [Fact]
    public void ViewerThatKeepsTakingFrames_IsNotDisconnected()
    {
        using var retriever = Attach();
        for (var i = 0; i < 40; i++)
        {
            retriever.BeginWrite();
            _fed.Time.Advance(TimeSpan.FromSeconds(1));
            retriever.Sent(100);
        }

        Assert.False(retriever.Viewer.IsEnded);
    }

    public void Dispose() => _fed.Dispose();

    private FrameRetriever Attach() => _fed.Attach();

    private void Capture() => _fed.Capture();

    private sealed class RefusingRegistry : IViewerRegistry
    {
        public event EventHandler<ViewerChange>? Changed { add { } remove { } }

        public IReadOnlyList<Viewer> Viewers => [];

        public Viewer? Find(long viewerId) => null;

        public int CountFor(string cameraId) => 0;

        public Viewer Register(ViewerDescription description) => throw new InvalidOperationException("registry unavailable");

        public void Unregister(Viewer viewer)
        {
        }

        public bool Kick(long viewerId) => false;
    }
}
