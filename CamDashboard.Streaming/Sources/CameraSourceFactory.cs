using CamDashboard.Streaming.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Sources;

internal sealed class CameraSourceFactory(TimeProvider time, ILogger<FfmpegSource> ffmpegLogger, IOptions<CameraStreamingOptions> options) : ICameraSourceFactory
{
    private readonly FrameLimits _limits = options.Value.Streaming.Frames;

    public ICameraSource Create(CameraOptions camera) => CameraSourceSpec.KindOf(camera.Source) switch
    {
        SourceKind.TestPattern => new TestPatternSource(camera, time),
        SourceKind.Http => new HttpJpegSource(camera, time, _limits),
        SourceKind.Network => new FfmpegSource(camera, time, _limits, ffmpegLogger),
        _ => new OpenCvCameraSource(camera, time),
    };
}
