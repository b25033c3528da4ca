using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using OpenCvSharp;

namespace CamDashboard.Tests.FanOut;

/// <summary>Tiers: each one watched is encoded once per captured frame, and a viewer moves
/// between them without losing or repeating a frame.</summary>
public sealed class FrameTierTests : IDisposable
{
    private readonly HandFedCamera _fed = new(1280, 720, TimeSpan.FromMilliseconds(100), quality: 90, noise: true);

    [Fact]
    public async Task EachTierWatched_IsEncodedOncePerFrame_AtItsSizeAndQuality()
    {
        var full = Enumerable.Range(0, 3).Select(_ => Attach(FrameTier.Full)).ToList();
        var small = Enumerable.Range(0, 3).Select(_ => Attach(FrameTier.Small)).ToList();
        try
        {
            var before = _fed.Camera.FramesEncoded;
            Capture();
            Assert.Equal(2, _fed.Camera.FramesEncoded - before);
            Assert.Equal([FrameTier.Full, FrameTier.Small], _fed.Camera.TiersInUse);

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
            var before = _fed.Camera.FramesEncoded;
            Capture();
            Assert.Equal(1, _fed.Camera.FramesEncoded - before);
        }

        Assert.Empty(_fed.Camera.TiersInUse);
        var afterLeaving = _fed.Camera.FramesEncoded;
        Capture();
        Assert.Equal(afterLeaving, _fed.Camera.FramesEncoded);
    }

    [Fact]
    public async Task ChangingTier_GivesTheNextFrameInTheNewTier_WithoutDropsOrRepeats()
    {
        using var retriever = Attach(FrameTier.Full);
        Capture();
        var first = await retriever.NextAsync(default);

        retriever.ChangeTier(FrameTier.Low);
        Assert.Equal([FrameTier.Low], _fed.Camera.TiersInUse);
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

        _fed.Camera.OnSourceLost(_fed.Camera.Main, CameraState.Reconnecting, "gone");

        var offline = await small.NextAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(offline.Sequence > live.Sequence);
        Assert.Equal(480, offline.Width);
        Assert.Equal(1280, (await full.NextAsync(default)).Width);
    }

    public void Dispose() => _fed.Dispose();

    private FrameRetriever Attach(FrameTier tier) => _fed.Attach(tier);

    private void Capture() => _fed.Capture();
}
