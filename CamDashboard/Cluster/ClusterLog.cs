namespace CamDashboard.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(1, LogLevel.Information, "Node {Node} (number {Number}) joined the cluster at {Url}.")]
    public static partial void Joined(ILogger logger, string node, int number, string url);

    [LoggerMessage(2, LogLevel.Warning, "An event from another node could not be read and was left out: {Reason}")]
    public static partial void EventUnreadable(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Warning, "The cluster's Redis could not be reached: {Reason}. This node keeps serving; other nodes' viewers are shown again when it answers.")]
    public static partial void RedisUnreachable(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Information, "Camera {CameraId} is captured by this node now (was {Previous}).")]
    public static partial void CameraTaken(ILogger logger, string cameraId, string previous);

    [LoggerMessage(5, LogLevel.Information, "Camera {CameraId} is captured by node {Owner}: this node relays it.")]
    public static partial void CameraRelayed(ILogger logger, string cameraId, string owner);
}
