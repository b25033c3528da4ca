using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Encoding;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;

namespace CamDashboard.Tests.FanOut;

/// <summary>Tiers: each one watched is encoded once per captured frame, and a viewer moves
/// between them without losing or repeating a frame.</summary>
public sealed class FrameTierTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ViewerRegistry _registry;
    private readonly Camera _camera;
    private readonly SourceFrame _image = new();

    public FrameTierTests()
    {
        _registry = new ViewerRegistry(_time, Options.Create(new CameraStreamingOptions()), NullLogger<ViewerRegistry>.Instance);
        _camera = new Camera(new CameraOptions { Id = "cam", Source = "testpattern", MaxFps = 60, Quality = 90 }, CameraOrigin.Configuration, _time);
        _image.PixelBuffer.Create(720, 1280, MatType.CV_8UC3);
        Cv2.Randu(_image.PixelBuffer, Scalar.All(0), Scalar.All(255));
        _image.CommitPixels();
    }

    [Fact]
    public async Task EachTierWatched_IsEncodedOncePerFrame_AtItsSizeAndQuality()
    {
        var full = Enumerable.Range(0, 3).Select(_ => Attach(FrameTier.Full)).ToList();
        var small = Enumerable.Range(0, 3).Select(_ => Attach(FrameTier.Small)).ToList();
        try
        {
            var before = _camera.FramesEncoded;
            Capture();
            Assert.Equal(2, _camera.FramesEncoded - before);
            Assert.Equal([FrameTier.Full, FrameTier.Small], _camera.TiersInUse);

            var fullFrames = await Task.WhenAll(full.Select(r => r.NextAsync(default).AsTask()));
            var smallFrames = await Task.WhenAll(small.Select(r => r.NextAsync(default).AsTask()));
            Assert.All(fullFrames, f => Assert.Same(fullFrames[0], f));
            Assert.All(smallFrames, f => Assert.Same(smallFrames[0], f));
            Assert.Equal(fullFrames[0].Sequence, smallFrames[0].Sequence);

            using var big = Cv2.ImDecode(fullFrames[0].Jpeg.Span, ImreadModes.Color);
            using var little = Cv2.ImDecode(smallFrames[0].Jpeg.Span, ImreadModes.Color);
            Assert.Equal((1280, 720), (big.Width, big.Height));
            Assert.Equal((480, 270), (little.Width, little.Height));
            Assert.Equal(FrameTiers.SmallQuality, smallFrames[0].Quality);
            Assert.True(smallFrames[0].Jpeg.Length * 4 < fullFrames[0].Jpeg.Length, "a small frame is a fraction of the bytes");
        }
        finally
        {
            full.Concat(small).ToList().ForEach(r => r.Dispose());
        }
    }

    [Theory]
    [InlineData(1920, 1080, 480, 270)]
    [InlineData(1280, 720, 480, 270)]
    [InlineData(800, 450, 400, 225)]
    [InlineData(640, 480, 320, 240)]
    [InlineData(320, 180, 320, 180)] // a tile is about this wide: never blurred up from smaller
    [InlineData(160, 120, 160, 120)]
    public void SmallTier_IsHalfSize_Within320To480PixelsWide(int width, int height, int smallWidth, int smallHeight) =>
        Assert.Equal((smallWidth, smallHeight), FrameTiers.Size(FrameTier.Small, width, height));

    [Fact]
    public void TierNobodyWatches_IsNotEncoded()
    {
        using (Attach(FrameTier.Small))
        {
            var before = _camera.FramesEncoded;
            Capture();
            Assert.Equal(1, _camera.FramesEncoded - before);
        }

        Assert.Empty(_camera.TiersInUse);
        var afterLeaving = _camera.FramesEncoded;
        Capture();
        Assert.Equal(afterLeaving, _camera.FramesEncoded);
    }

    [Fact]
    public async Task ChangingTier_GivesTheNextFrameInTheNewTier_WithoutDropsOrRepeats()
    {
        using var retriever = Attach(FrameTier.Full);
        Capture();
        var first = await retriever.NextAsync(default);

        retriever.ChangeTier(FrameTier.Low);
        Assert.Equal([FrameTier.Low], _camera.TiersInUse);
        Assert.Equal(FrameTier.Low, retriever.Viewer.Tier);
        var waiting = retriever.NextAsync(default).AsTask();
        Capture();
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(FrameTier.Low, next.Tier);
        Assert.Equal(first.Sequence + 1, next.Sequence);
        Assert.Equal(FrameTiers.LowQuality, next.Quality);
        Assert.True(next.Jpeg.Length < first.Jpeg.Length);
        Assert.Equal(0, retriever.Viewer.FramesDropped);
    }

    [Fact]
    public async Task CameraGoingDown_ShowsTheOfflineFrame_OnEveryTier()
    {
        using var full = Attach(FrameTier.Full);
        using var small = Attach(FrameTier.Small);
        Capture();
        await full.NextAsync(default);
        var live = await small.NextAsync(default);

        _camera.OnSourceLost(CameraState.Reconnecting, "gone");

        var offline = await small.NextAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(offline.Sequence > live.Sequence);
        Assert.Equal(480, offline.Width);
        Assert.Equal(1280, (await full.NextAsync(default)).Width);
    }

    public void Dispose()
    {
        _image.Dispose();
        _registry.Dispose();
    }

    private FrameRetriever Attach(FrameTier tier)
    {
        var retriever = new FrameRetriever(_registry, _time);
        retriever.Attach(_camera, new ViewerDescription("cam", ViewerKind.Mjpeg, "alice", "127.0.0.1", "test"), tier: tier);
        return retriever;
    }

    private void Capture()
    {
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _camera.OnFrameCaptured(_image);
    }
}
