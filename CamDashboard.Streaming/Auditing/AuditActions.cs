namespace CamDashboard.Streaming.Auditing;

/// <summary>The names of recorded actions, in one style: what was acted on, then what happened
/// to it, in lower case ("camera added", "viewer kicked"). The audit log's filter lists them,
/// so a name, once stored, is renamed only by a migration of the stored rows.</summary>
public static class AuditActions
{
    public const string CameraAdded = "camera added";
    public const string CameraChanged = "camera changed";
    public const string CameraRemoved = "camera removed";
    public const string SettingsChanged = "settings changed";
    public const string GroupSaved = "group saved";
    public const string GroupRemoved = "group removed";
    public const string KioskOpened = "kiosk opened";
    public const string ViewerKicked = "viewer kicked";
    public const string ViewerBanned = "viewer banned";
    public const string BanLifted = "ban lifted";
    public const string TokenCreated = "token created";
    public const string TokenRevoked = "token revoked";
    public const string UserAdded = "user added";
    public const string UserRemoved = "user removed";
    public const string PasswordReset = "password reset";
    public const string RoleChanged = "role changed";
    public const string SignedIn = "user signed in";
    public const string SignedOut = "user signed out";
    public const string SignInFailed = "sign-in failed";
    public const string SignInThrottled = "sign-in throttled";
}
