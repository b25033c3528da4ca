namespace CamDashboard.Streaming.Viewers;

/// <summary>Who is watching what, as known when a connection starts.</summary>
/// <param name="CameraId">The camera watched.</param>
/// <param name="Kind">How frames are delivered.</param>
/// <param name="User">The authenticated user (or token name).</param>
/// <param name="RemoteAddress">The client's address.</param>
/// <param name="UserAgent">The client's User-Agent header.</param>
/// <param name="Session">The request it belongs to: a dashboard's tile socket is one request with a
/// viewer per camera, shown (and kicked) together.</param>
public sealed record ViewerDescription(string CameraId, ViewerKind Kind, string? User, string? RemoteAddress, string? UserAgent, string? Session = null);
