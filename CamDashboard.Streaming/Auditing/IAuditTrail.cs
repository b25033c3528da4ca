namespace CamDashboard.Streaming.Auditing;

/// <summary>Where administrative actions are recorded — who did what, when. The host stores it
/// (the dashboard keeps it in its database); without one, nothing is recorded.</summary>
public interface IAuditTrail
{
    /// <summary>Records one action by <paramref name="user"/> (null when unknown).</summary>
    Task RecordAsync(string? user, string action, string detail, CancellationToken cancellationToken);
}
