namespace CamDashboard.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(201, LogLevel.Warning, "Refused {Refused} connection(s) since the last report; the latest from {RemoteAddress}, which already holds {Max} (Server:MaxConnectionsPerAddress).")]
    public static partial void PerAddressCapReached(ILogger logger, string remoteAddress, int max, long refused);
}
