using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;

namespace CamDashboard.Tests.FanOut;

public sealed class FrameRetrieverTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ViewerRegistry _registry;
    private readonly Camera _camera;
    private readonly SourceFrame _image = new();

    public FrameRetrieverTests()
    {
        _registry = new ViewerRegistry(_time, Options.Create(new CameraStreamingOptions()), NullLogger<ViewerRegistry>.Instance);
        _camera = new Camera(new CameraOptions { Id = "cam", Source = "testpattern", MaxFps = 60 }, CameraOrigin.Configuration, _time);
        _image.PixelBuffer.Create(90, 160, MatType.CV_8UC3);
        _image.PixelBuffer.SetTo(Scalar.Gray);
        _image.CommitPixels();
    }

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
        Assert.Equal(_camera.Slot.Latest, frame);
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
        Assert.Equal(20, _camera.Slot.WaitingCount);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(waits));

        // No frame came (a camera down for hours): the list is empty all the same.
        Assert.Equal(0, _camera.Slot.WaitingCount);
        retrievers.ForEach(r => r.Dispose());
    }

    [Fact]
    public void AttachThatFailsToRegister_LeavesNoDemand()
    {
        var retriever = new FrameRetriever(new RefusingRegistry(), _time);
        Assert.Throws<InvalidOperationException>(() =>
            retriever.Attach(_camera, new ViewerDescription("cam", ViewerKind.Mjpeg, "test", "127.0.0.1", "xunit")));
        Assert.False(_camera.Slot.HasDemand);
    }

    [Fact]
    public async Task ManyWaitingViewers_AllGetTheSameFrame()
    {
        var retrievers = Enumerable.Range(0, 50).Select(_ => Attach()).ToList();
        var waits = retrievers.Select(r => r.NextAsync(default).AsTask()).ToList();
        Capture();
        var frames = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(frames, f => Assert.Same(_camera.Slot.Latest, f));
        Assert.Equal(1, _camera.FramesEncoded);
        retrievers.ForEach(r => r.Dispose());
    }

    [Fact]
    public void Encoding_HappensOnlyWhileSomebodyWatches()
    {
        Capture();
        Assert.Equal(0, _camera.FramesEncoded);
        using (Attach())
        {
            Capture();
            Assert.Equal(1, _camera.FramesEncoded);
        }

        Capture();
        Assert.Equal(1, _camera.FramesEncoded);
    }

    [Fact]
    public void Viewer_IsRegistered_ForExactlyTheLifeOfItsRetriever()
    {
        var retriever = Attach();
        Assert.Single(_registry.Viewers);
        retriever.Dispose();
        Assert.Empty(_registry.Viewers);
    }

    [Fact]
    public void ViewerStuckInAWrite_IsDisconnected_AfterTheIdleTimeout()
    {
        using var retriever = Attach();
        retriever.BeginWrite();
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(retriever.Viewer.IsEnded);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(retriever.Viewer.IsEnded);
    }

    [Fact]
    public void ViewerThatKeepsTakingFrames_IsNotDisconnected()
    {
        using var retriever = Attach();
        for (var i = 0; i < 40; i++)
        {
            retriever.BeginWrite();
            _time.Advance(TimeSpan.FromSeconds(1));
            retriever.Sent(100);
        }

        Assert.False(retriever.Viewer.IsEnded);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _image.Dispose();
    }

    private FrameRetriever Attach()
    {
        var retriever = new FrameRetriever(_registry, _time);
        retriever.Attach(_camera, new ViewerDescription("cam", ViewerKind.Mjpeg, "test", "127.0.0.1", "xunit"));
        return retriever;
    }

    private void Capture()
    {
        _time.Advance(TimeSpan.FromMilliseconds(34));
        _camera.OnFrameCaptured(_image);
    }

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
