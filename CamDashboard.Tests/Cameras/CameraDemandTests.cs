using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;

namespace CamDashboard.Tests.Cameras;

/// <summary>The one place that decides when a camera's streams decode and when they stand by,
/// on a fake clock: what each stream is asked for as viewers come and go.</summary>
public sealed class CameraDemandTests : IDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SourceFrame _frame = new();

    public CameraDemandTests()
    {
        _frame.PixelBuffer.Create(90, 160, MatType.CV_8UC3);
        _frame.PixelBuffer.SetTo(Scalar.Gray);
        _frame.CommitPixels();
    }

    public void Dispose() => _frame.Dispose();

    private Camera NewCamera(string? substream = null, bool alwaysOn = false) =>
        new(new CameraOptions { Id = "cam", Source = "rtsp://cam.local/main", Substream = substream, MaxFps = 25, Quality = 80, AlwaysOn = alwaysOn },
            CameraOrigin.Configuration, _time, new StreamingLimits { StandbyAfter = Linger });

    // What a capture loop does once its source delivered.
    private void FirstFrames(Camera camera)
    {
        camera.OnFrameCaptured(camera.Main, _frame);
        if (camera.Substream is { } sub)
        {
            camera.OnFrameCaptured(sub, _frame);
        }
    }

    private static IDisposable Watch(Camera camera, FrameTier tier, int? fps = null) => ((IFrameFeed)camera).Watch(tier, fps);

    [Fact]
    public void ACameraNobodyWatches_DecodesUntilItsFirstFrame_ThenStandsBy_AtOnce()
    {
        var camera = NewCamera();
        var first = camera.Demand.DemandFor(StreamRole.Main);
        Assert.True(first.Frames, "a new stream is opened for one frame, to know its format and size");

        FirstFrames(camera);

        Assert.True(first.Changed.IsCancellationRequested, "the capture loop is woken");
        Assert.False(camera.Demand.DemandFor(StreamRole.Main).Frames);
    }

    [Fact]
    public void Tiles_AskTheMainStream_ForSmallFramesAtTheTileRate_AndAFullViewerForEverything()
    {
        var camera = NewCamera();
        FirstFrames(camera);

        using var tile = Watch(camera, FrameTier.Small, 10);
        Assert.Equal((true, 10, true), Of(camera.Demand.DemandFor(StreamRole.Main)));

        using var page = Watch(camera, FrameTier.Full);
        Assert.Equal((true, 25, false), Of(camera.Demand.DemandFor(StreamRole.Main)));
    }

    [Fact]
    public void TheMaxFpsSetting_LimitsWhatIsCaptured()
    {
        var camera = NewCamera();
        FirstFrames(camera);
        using var viewer = Watch(camera, FrameTier.Full);

        camera.ApplySettings(new CameraSettings(80, 5));

        Assert.Equal(5, camera.Demand.DemandFor(StreamRole.Main).MaxFps);
    }

    [Fact]
    public void WhenTheLastViewerLeaves_TheStreamKeepsGoingForTheDelay_ThenStandsBy()
    {
        var camera = NewCamera();
        FirstFrames(camera);
        var viewer = Watch(camera, FrameTier.Full);
        var watched = camera.Demand.DemandFor(StreamRole.Main);

        viewer.Dispose();
        _time.Advance(Linger - TimeSpan.FromSeconds(1));
        Assert.Same(watched, camera.Demand.DemandFor(StreamRole.Main));
        Assert.False(watched.Changed.IsCancellationRequested);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(camera.Demand.DemandFor(StreamRole.Main).Frames);
        Assert.True(watched.Changed.IsCancellationRequested);
    }

    [Fact]
    public void AViewerComingBackWithinTheDelay_KeepsTheStreamAwake_PastTheFirstDelay()
    {
        var camera = NewCamera();
        FirstFrames(camera);
        Watch(camera, FrameTier.Full).Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));
        var back = Watch(camera, FrameTier.Full);
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(camera.Demand.DemandFor(StreamRole.Main).Frames, "the first delay's end is not the second's");

        back.Dispose();
        _time.Advance(Linger);
        Assert.False(camera.Demand.DemandFor(StreamRole.Main).Frames);
    }

    [Fact]
    public void WithASubstream_TilesComeFromIt_AndTheMainStreamStandsBy_UntilTheSubstreamFails()
    {
        var camera = NewCamera(substream: "rtsp://cam.local/sub");
        FirstFrames(camera);
        using var tile = Watch(camera, FrameTier.Small, 10);

        Assert.Equal((true, 10, false), Of(camera.Demand.DemandFor(StreamRole.Sub)));
        Assert.False(camera.Demand.DemandFor(StreamRole.Main).Frames);

        camera.OnSourceLost(camera.Substream!, CameraState.Unreachable, "gone");

        Assert.Equal(StreamRole.Main, camera.Demand.SourceOf(FrameTier.Small));
        Assert.Equal((true, 10, true), Of(camera.Demand.DemandFor(StreamRole.Main)));
    }

    [Fact]
    public void AlwaysOn_KeepsTheMainStreamDecoding_WithNobodyWatching()
    {
        var camera = NewCamera(alwaysOn: true);
        FirstFrames(camera);
        _time.Advance(Linger * 3);

        Assert.Equal((true, 25, false), Of(camera.Demand.DemandFor(StreamRole.Main)));
    }

    private static (bool Frames, int MaxFps, bool SmallOnly) Of(SourceDemand demand) => (demand.Frames, demand.MaxFps, demand.SmallOnly);
}
