namespace CamDashboard.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(101, LogLevel.Warning, "Basic sign-in failed for user {UserName} from {RemoteAddress}: {Reason}")]
    public static partial void BasicFailed(ILogger logger, string userName, string? remoteAddress, string reason);

    [LoggerMessage(102, LogLevel.Warning, "Created user 'admin' with the generated password {Password} — this is shown once; set Admin:Password or change it after signing in.")]
    public static partial void GeneratedAdminPassword(ILogger logger, string password);

    [LoggerMessage(103, LogLevel.Information, "Created user 'admin' with the password from configuration key Admin:Password.")]
    public static partial void ConfiguredAdminPassword(ILogger logger);

    [LoggerMessage(105, LogLevel.Information, "Refused {Refused} request(s) without credentials (401) since the last report; the latest from {RemoteAddress} for {Path}.")]
    public static partial void Refused(ILogger logger, long refused, string? remoteAddress, string path);

    [LoggerMessage(104, LogLevel.Error, "Could not create user 'admin': {Errors}")]
    public static partial void AdminNotCreated(ILogger logger, string errors);
}
