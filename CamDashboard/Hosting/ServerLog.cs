namespace CamDashboard.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(201, LogLevel.Warning, "Refused {Refused} connection(s) since the last report; the latest from {RemoteAddress}, which already holds {Max} (Server:MaxConnectionsPerAddress).")]
    public static partial void PerAddressCapReached(ILogger logger, string remoteAddress, int max, long refused);

    [LoggerMessage(202, LogLevel.Warning, "All {Max} connection slots were in use (Server:MaxConnections): refused {Refused} connection(s) since the last report; {Shed} idle or anonymous one(s) were closed to make room.")]
    public static partial void ConnectionCapReached(ILogger logger, int max, long refused, long shed);
}
