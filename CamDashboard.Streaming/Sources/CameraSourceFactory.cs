using CamDashboard.Streaming.Cameras;
using Microsoft.Extensions.Logging;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

internal sealed class CameraSourceFactory(TimeProvider time, ILogger<FfmpegSource> ffmpegLogger) : ICameraSourceFactory
{
    public ICameraSource Create(CameraOptions camera) => CameraSourceSpec.KindOf(camera.Source) switch
    {
        SourceKind.TestPattern => new TestPatternSource(camera, time),
        SourceKind.Http => new HttpJpegSource(camera, time),
        SourceKind.Network => new FfmpegSource(camera, time, ffmpegLogger),
        _ => new OpenCvCameraSource(camera, time),
    };
}
