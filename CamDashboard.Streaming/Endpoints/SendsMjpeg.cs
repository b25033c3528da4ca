namespace CamDashboard.Streaming.Endpoints;

/// <summary>Endpoint metadata marking a never-ending MJPEG response, so hosts can keep
/// response compression and buffering middleware off it.</summary>
public sealed class SendsMjpeg;
