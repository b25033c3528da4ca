using CamDashboard.Streaming.Cameras;
using Microsoft.Extensions.Logging;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming;

internal static partial class StreamingLog
{
    [LoggerMessage(1, LogLevel.Information, "Camera {CameraId}: {Kind} source opened ({Format}).")]
    public static partial void SourceOpened(ILogger logger, string cameraId, SourceKind kind, string format);

    [LoggerMessage(2, LogLevel.Warning, "Camera {CameraId}: could not open the source: {Reason}")]
    public static partial void OpenFailed(ILogger logger, string cameraId, string reason);

    [LoggerMessage(12, LogLevel.Error, "Camera {CameraId}: the source failed unexpectedly; reopening it.")]
    public static partial void SourceFaulted(ILogger logger, string cameraId, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Camera {CameraId}: reading a frame failed.")]
    public static partial void ReadFailed(ILogger logger, string cameraId);

    [LoggerMessage(4, LogLevel.Warning, "Camera {CameraId}: no frame for {Timeout}; reopening the source.")]
    public static partial void Stalled(ILogger logger, string cameraId, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Information, "Camera {CameraId}: reconnecting in {Delay}.")]
    public static partial void Reconnecting(ILogger logger, string cameraId, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "Camera {CameraId}: the capture thread did not stop in time; it is blocked in the source.")]
    public static partial void CaptureDidNotStop(ILogger logger, string cameraId);

    [LoggerMessage(7, LogLevel.Information, "Viewer {ViewerId} ({Kind}) of camera {CameraId} connected from {RemoteAddress} as {User}.")]
    public static partial void ViewerConnected(ILogger logger, long viewerId, string kind, string cameraId, string? remoteAddress, string? user);

    [LoggerMessage(8, LogLevel.Information, "Viewer {ViewerId} left after {FramesSent} frames ({FramesDropped} dropped).")]
    public static partial void ViewerLeft(ILogger logger, long viewerId, long framesSent, long framesDropped);

    [LoggerMessage(9, LogLevel.Information, "Viewer {ViewerId} was kicked.")]
    public static partial void ViewerKicked(ILogger logger, long viewerId);

    [LoggerMessage(10, LogLevel.Information, "Viewer {ViewerId} took no frame for {Timeout}; disconnecting it.")]
    public static partial void ViewerIdle(ILogger logger, long viewerId, TimeSpan timeout);

    [LoggerMessage(13, LogLevel.Information, "Camera {CameraId} {Change} by {User}.")]
    public static partial void CameraChanged(ILogger logger, string cameraId, string change, string? user);

    [LoggerMessage(14, LogLevel.Debug, "Camera {CameraId}: ffmpeg: {Line}")]
    public static partial void FfmpegOutput(ILogger logger, string cameraId, string line);

    [LoggerMessage(15, LogLevel.Error, "Viewer {ViewerId}: the stream failed unexpectedly; its connection was closed.")]
    public static partial void StreamFailed(ILogger logger, long viewerId, Exception exception);

    [LoggerMessage(16, LogLevel.Debug, "Viewer {ViewerId}: the connection ended inside a part (the client took nothing within the grace).")]
    public static partial void StreamCutMidPart(ILogger logger, long viewerId);

    [LoggerMessage(11, LogLevel.Information, "Camera {CameraId}: settings changed to quality {Quality}, max {MaxFps} fps.")]
    public static partial void SettingsChanged(ILogger logger, string cameraId, int quality, int maxFps);

    [LoggerMessage(30, LogLevel.Error, "A subscriber to {EventType} events failed; the others still got it.")]
    public static partial void SubscriberFailed(ILogger logger, string eventType, Exception exception);

    [LoggerMessage(31, LogLevel.Warning, "Sending a {EventType} event to /hubs/events failed.")]
    public static partial void HubSendFailed(ILogger logger, string eventType, Exception exception);

    [LoggerMessage(32, LogLevel.Warning, "{Count} events were not sent to /hubs/events: its clients did not keep up.")]
    public static partial void HubEventsDropped(ILogger logger, long count);

    [LoggerMessage(33, LogLevel.Warning, "Camera {CameraId} was changed on node {Node}, but the store could not be read to follow it here.")]
    public static partial void FollowFailed(ILogger logger, string cameraId, string node, Exception exception);

    [LoggerMessage(34, LogLevel.Debug, "Camera {CameraId}: activity started ({Level} % of the picture changed).")]
    public static partial void ActivityStarted(ILogger logger, string cameraId, double level);

    [LoggerMessage(35, LogLevel.Debug, "Camera {CameraId}: activity ended (peak {Peak} %).")]
    public static partial void ActivityEnded(ILogger logger, string cameraId, double peak);

    [LoggerMessage(36, LogLevel.Warning, "Camera {CameraId}: a period of activity could not be kept in its history.")]
    public static partial void ActivityNotKept(ILogger logger, string cameraId, Exception exception);

    [LoggerMessage(37, LogLevel.Error, "Camera {CameraId}: analysing a frame for activity failed; activity is watched again from the next frame.")]
    public static partial void ActivityFailed(ILogger logger, string cameraId, Exception exception);
}
