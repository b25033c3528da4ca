namespace CamDashboard.Data;

/// <summary>One recorded action: who, what, when.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? User { get; set; }

    public string Action { get; set; } = "";

    public string Detail { get; set; } = "";
}
