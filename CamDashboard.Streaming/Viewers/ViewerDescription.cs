namespace CamDashboard.Streaming.Viewers;

/// <summary>Who is watching what, as known when a connection starts.</summary>
/// <param name="CameraId">The camera watched.</param>
/// <param name="Kind">How frames are delivered.</param>
/// <param name="User">The authenticated user (or token name).</param>
/// <param name="RemoteAddress">The client's address.</param>
/// <param name="UserAgent">The client's User-Agent header.</param>
public sealed record ViewerDescription(string CameraId, ViewerKind Kind, string? User, string? RemoteAddress, string? UserAgent);
