namespace CamDashboard.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(201, LogLevel.Warning, "Refused a connection from {RemoteAddress}: it already holds {Max} (Server:MaxConnectionsPerAddress).")]
    public static partial void PerAddressCapReached(ILogger logger, string remoteAddress, int max);
}
