using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Tests.Infrastructure;

public static class CameraStates
{
    /// <summary>Working: live for its viewers, or in standby (opened and checked) while nobody watches.</summary>
    public static bool IsUp(this Camera camera) => camera.State is CameraState.Live or CameraState.Standby;
}
