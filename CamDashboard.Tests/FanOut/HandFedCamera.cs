using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.FanOut;

/// <summary>A camera fed by hand on a fake clock, with its viewer registry: a test captures a
/// frame when it says so, and attaches retrievers to watch it.</summary>
internal sealed class HandFedCamera : IDisposable
{
    private readonly SourceFrame _image = new();
    private readonly TimeSpan _frameInterval;

    /// <param name="noise">Random pixels (JPEGs the size real ones have) instead of a flat gray.</param>
    public HandFedCamera(int width, int height, TimeSpan frameInterval, int? quality = null, bool noise = false)
    {
        _frameInterval = frameInterval;
        Registry = new ViewerRegistry(Time, Options.Create(new CameraStreamingOptions()), NullLogger<ViewerRegistry>.Instance);
        var options = new CameraOptions { Id = "cam", Source = "testpattern", MaxFps = 60 };
        options.Quality = quality ?? options.Quality;
        Camera = new Camera(options, CameraOrigin.Configuration, Time);
        _image.PixelBuffer.Create(height, width, MatType.CV_8UC3);
        if (noise)
        {
            Cv2.Randu(_image.PixelBuffer, Scalar.All(0), Scalar.All(255));
        }
        else
        {
            _image.PixelBuffer.SetTo(Scalar.Gray);
        }

        _image.CommitPixels();
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public ViewerRegistry Registry { get; }

    public Camera Camera { get; }

    /// <summary>A new viewer of <paramref name="tier"/>.</summary>
    public FrameRetriever Attach(FrameTier tier = FrameTier.Full)
    {
        var retriever = new FrameRetriever(Registry, Time);
        retriever.Attach(Camera, new ViewerDescription("cam", ViewerKind.Mjpeg, "test", "127.0.0.1", "xunit"), tier: tier);
        return retriever;
    }

    /// <summary>The clock moves one frame interval on, and the camera captures a frame.</summary>
    public void Capture()
    {
        Time.Advance(_frameInterval);
        Camera.OnFrameCaptured(Camera.Main, _image);
    }

    public void Dispose()
    {
        Registry.Dispose();
        _image.Dispose();
    }
}
