namespace CamDashboard.Data;

internal static partial class DataLog
{
    [LoggerMessage(301, LogLevel.Error, "Storage: {Reason}; nothing was changed (said once a minute while it lasts).")]
    public static partial void StorageFailed(ILogger logger, string reason);

    [LoggerMessage(302, LogLevel.Information, "Storage: the database takes writes again.")]
    public static partial void StorageRecovered(ILogger logger);
}
