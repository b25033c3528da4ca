namespace CamDashboard.Streaming.Events;

/// <summary>What happened to a user.</summary>
public enum UserChangeKind
{
    /// <summary>Created.</summary>
    Added,

    /// <summary>Removed.</summary>
    Removed,

    /// <summary>Given another role.</summary>
    RoleChanged,

    /// <summary>Given a new password.</summary>
    PasswordReset,
}
