using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Sources;

internal sealed class CameraSourceFactory(TimeProvider time) : ICameraSourceFactory
{
    public ICameraSource Create(CameraOptions camera) => CameraSourceSpec.KindOf(camera.Source) switch
    {
        SourceKind.TestPattern => new TestPatternSource(camera, time),
        _ => new OpenCvCameraSource(camera, time),
    };
}
